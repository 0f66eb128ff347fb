import Foundation

/// Everything that can go wrong reading, writing, resampling or decoding audio.
///
/// Every case that concerns a file carries its URL, and the message names the file and
/// says what is wrong with it, so a user can act on it without a debugger.
public enum AudioError: Error, Equatable, Sendable {
    /// No file (or a directory) at the path.
    case fileNotFound(URL)
    /// The file exists but holds zero bytes (an interrupted copy or download).
    case emptyFile(URL)
    /// The file is not in any audio format libsndfile recognises (e.g. text named `.wav`).
    case notAnAudioFile(URL, reason: String)
    /// The container is recognised but this encoding or option is not supported.
    case unsupportedFormat(URL, reason: String)
    /// The file opened but reading its samples failed (truncated or malformed data).
    case readFailed(URL, reason: String)
    /// A frame range outside the file was requested.
    case invalidFrameRange(URL, requested: Range<Int>, frameCount: Int)
    /// Writing the file (or renaming the finished temp file into place) failed.
    case writeFailed(URL, reason: String)
    /// A buffer that cannot be written or processed (no channels, ragged channels, bad rate).
    case invalidBuffer(String)
    /// Samples to write to this file hold NaN or infinities, which no PCM code represents
    /// (libsndfile would store them as full-scale clicks); nothing is written.
    case nonFiniteSamples(URL, count: Int)
    /// libsamplerate reported an error.
    case resamplingFailed(String)
    /// The `ffmpeg` or `ffprobe` program is not on the PATH.
    case ffmpegMissing(program: String)
    /// `ffmpeg` or `ffprobe` ran but failed on this file.
    case ffmpegFailed(URL, program: String, status: Int32, message: String)
    /// The stem file has no stream with this index, or the stream is not audio.
    case noSuchStream(URL, index: Int, streamCount: Int)
    /// A stream decodes to fewer frames than the container states (a file cut short by an
    /// interrupted copy or download): ffmpeg decodes what there is and exits 0.
    case truncatedStream(URL, stream: Int, decodedFrames: Int, statedFrames: Int)
    /// The header states more bytes than the file holds (a file cut short by an interrupted
    /// copy or download); libsndfile would read what is there as a shorter file.
    case truncatedFile(URL, statedBytes: Int, presentBytes: Int)
    /// A WAV header that was never finished (sizes 8 and 0, as written when the file is
    /// opened): its writer stopped before closing it, so the samples may be incomplete.
    case unfinishedFile(URL)
}

extension AudioError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .fileNotFound(let url):
            return "\(url.path): no such audio file"
        case .emptyFile(let url):
            return "\(url.path): the file is empty (0 bytes); re-copy or re-download it"
        case .notAnAudioFile(let url, let reason):
            return "\(url.path): not an audio file libsndfile can read (\(reason))"
        case .unsupportedFormat(let url, let reason):
            return "\(url.path): unsupported audio format (\(reason))"
        case .readFailed(let url, let reason):
            return "\(url.path): reading the samples failed (\(reason))"
        case .invalidFrameRange(let url, let requested, let frameCount):
            return "\(url.path): frames \(requested.lowerBound)..<\(requested.upperBound) requested "
                + "but the file has \(frameCount) frames"
        case .writeFailed(let url, let reason):
            return "\(url.path): writing failed (\(reason))"
        case .invalidBuffer(let reason):
            return "invalid audio buffer: \(reason)"
        case .nonFiniteSamples(let url, let count):
            return "\(url.path): not written: \(count) NaN or infinite sample\(count == 1 ? "" : "s") to write"
        case .resamplingFailed(let reason):
            return "resampling with libsamplerate failed: \(reason)"
        case .ffmpegMissing(let program):
            return "the `\(program)` program was not found on the PATH; it decodes .stem.mp4 files. "
                + "Install it with `apt-get install ffmpeg`"
        case .ffmpegFailed(let url, let program, let status, let message):
            let detail = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(url.path): \(program) failed (exit status \(status))"
                + (detail.isEmpty ? "" : ": \(detail)")
        case .noSuchStream(let url, let index, let streamCount):
            return "\(url.path): no audio stream \(index) (the file has \(streamCount) streams)"
        case .truncatedStream(let url, let stream, let decoded, let stated):
            return "\(url.path): stream \(stream) is cut short: ffmpeg decodes \(decoded) frames where the "
                + "file states \(stated); the file is truncated or damaged, re-copy or re-download it"
        case .truncatedFile(let url, let stated, let present):
            return "\(url.path): the file is cut short: its header states \(stated) bytes where it holds "
                + "\(present) (an interrupted copy or download?); re-copy or re-download it"
        case .unfinishedFile(let url):
            return "\(url.path): the file was never finished: its header still holds the sizes written when it "
                + "was opened (the program writing it stopped before closing it, or wrote it to a pipe), so its "
                + "samples may be incomplete; write it again"
        }
    }

    public var errorDescription: String? { description }

    /// The file the error is about, when there is one.
    public var file: URL? {
        switch self {
        case .fileNotFound(let url), .emptyFile(let url), .notAnAudioFile(let url, _), .unsupportedFormat(let url, _),
            .readFailed(let url, _), .invalidFrameRange(let url, _, _), .writeFailed(let url, _),
            .nonFiniteSamples(let url, _), .ffmpegFailed(let url, _, _, _), .noSuchStream(let url, _, _),
            .truncatedStream(let url, _, _, _), .truncatedFile(let url, _, _),
            .unfinishedFile(let url):
            return url
        case .invalidBuffer, .resamplingFailed, .ffmpegMissing:
            return nil
        }
    }
}
