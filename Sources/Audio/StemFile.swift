import Foundation

/// A multi-stream audio file (MUSDB18's `.stem.mp4`: stream 0 mixture, 1 drums, 2 bass,
/// 3 other, 4 vocals), decoded with the `ffmpeg` program exactly as Python `stempeg` does.
///
/// Decoding runs `ffmpeg -i FILE -f s16le -ar RATE -map 0:N [-ss START] [-t DURATION] pipe:`
/// (stempeg's command line with musdb's `ffmpeg_format="s16le"`) and scales the 16-bit
/// samples by 1/32768, so the samples equal what `musdb` returns for the same ffmpeg. The
/// seek is an output option: ffmpeg decodes from the start and drops samples, which is
/// exact but costs time proportional to `start`. Different ffmpeg versions may decode AAC
/// with different leading padding; `StemFile.ffmpegVersion()` says which one ran.
public struct StemFile: Sendable, Equatable {
    /// The MUSDB18 stream index of each stem.
    public enum Stream: Int, Sendable, CaseIterable {
        case mixture = 0
        case drums = 1
        case bass = 2
        case other = 3
        case vocals = 4
    }

    /// The file (for a stem read from `input`, the name in messages: `archive.zip:member`).
    public var url: URL
    /// Where the bytes come from when they are not the file at `url` (a zip member): each
    /// ffmpeg or ffprobe run opens a fresh source and reads it on its standard input
    /// (`-i pipe:0`), so nothing is written to disk. MP4 from a pipe needs its `moov` atom
    /// before the media data, as MUSDB18's stems have it; otherwise ffmpeg's error is
    /// reported.
    public var input: AudioByteSourceOpener?

    public init(url: URL, input: AudioByteSourceOpener? = nil) {
        self.url = url
        self.input = input
    }

    public static func == (lhs: StemFile, rhs: StemFile) -> Bool {
        lhs.url == rhs.url && (lhs.input == nil) == (rhs.input == nil)
    }

    /// ffmpeg's `-i` argument and the source piped to it, if any.
    private func inputArgument() throws -> (argument: String, source: AudioByteSource?) {
        guard let input else {
            try AudioError.checkReadableFile(url)
            return (url.path, nil)
        }
        return ("pipe:0", try input())
    }

    /// The streams of the file, from `ffprobe`.
    public func info() throws -> StemFileInfo {
        let program = try ExternalProgram("ffprobe")
        let (argument, source) = try inputArgument()
        let data = try program.run(
            ["-v", "error", "-show_streams", "-of", "json", argument], about: url, input: source)
        let probe: Probe
        do { probe = try JSONDecoder().decode(Probe.self, from: data) } catch {
            throw AudioError.ffmpegFailed(
                url, program: "ffprobe", status: 0, message: "unreadable JSON output: \(error)")
        }
        let streams = (probe.streams ?? []).map { stream in
            StemFileInfo.Stream(
                index: stream.index, codecType: stream.codec_type ?? "",
                codecName: stream.codec_name ?? "",
                sampleRate: Int(stream.sample_rate ?? "") ?? 0,
                channelCount: stream.channels ?? 0,
                durationTimestamps: stream.duration_ts ?? 0,
                duration: Double(stream.duration ?? "") ?? 0,
                title: stream.tags?["handler_name"])
        }
        guard streams.contains(where: \.isAudio) else {
            throw AudioError.notAnAudioFile(url, reason: "ffprobe finds no audio stream")
        }
        return StemFileInfo(url: url, streams: streams)
    }

    /// Decodes one stream as 16-bit PCM scaled to ±1.
    ///
    /// - Parameters:
    ///   - stream: the container stream index (`-map 0:stream`).
    ///   - start: seconds to skip (ffmpeg output `-ss`), or nil for the beginning.
    ///   - duration: seconds to keep (ffmpeg output `-t`), or nil for the rest.
    ///   - sampleRate: output rate (ffmpeg `-ar`, ffmpeg's resampler); nil keeps the
    ///     rate of stream 0, as stempeg does.
    ///   - info: the file's info if already known (saves an `ffprobe` run).
    public func read(
        stream: Int, start: Double? = nil, duration: Double? = nil,
        sampleRate: Int? = nil, info: StemFileInfo? = nil
    ) throws -> AudioBuffer {
        let info = try info ?? self.info()
        guard let selected = info.streams.first(where: { $0.index == stream }), selected.isAudio else {
            throw AudioError.noSuchStream(url, index: stream, streamCount: info.streams.count)
        }
        let rate = sampleRate ?? info.sampleRate
        let channelCount = selected.channelCount
        guard channelCount > 0 else {
            throw AudioError.unsupportedFormat(url, reason: "stream \(stream) reports \(channelCount) channels")
        }
        let (input, source) = try inputArgument()
        var arguments = [
            "-v", "error", "-i", input, "-f", "s16le", "-ar", String(rate),
            "-map", "0:\(stream)"
        ]
        if let start { arguments += ["-ss", Self.timestamp(start)] }
        if let duration { arguments += ["-t", Self.timestamp(duration)] }
        arguments.append("pipe:")
        // `-nostdin` keeps ffmpeg off the terminal; it is left out when the input is stdin.
        if source == nil { arguments.insert("-nostdin", at: 0) }
        let data = try ExternalProgram("ffmpeg").run(arguments, about: url, input: source)
        let frames = data.count / (2 * channelCount)
        let tolerance = Double(Self.lengthTolerance) * Double(rate) / Double(max(1, selected.sampleRate))
        if let stated = Self.statedFrames(of: selected, start: start, duration: duration, rate: rate),
            Double(frames) + tolerance < Double(stated)
        {
            throw AudioError.truncatedStream(url, stream: stream, decodedFrames: frames, statedFrames: stated)
        }
        var planar = [[Double]](repeating: [Double](repeating: 0, count: frames), count: channelCount)
        data.withUnsafeBytes { raw in
            for c in 0..<channelCount {
                planar[c].withUnsafeMutableBufferPointer { target in
                    for f in 0..<frames {
                        let offset = 2 * (f * channelCount + c)
                        let sample = Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int16.self))
                        target[f] = Double(sample) / 32768
                    }
                }
            }
        }
        return AudioBuffer(sampleRate: rate, channels: planar)
    }

    /// Decodes one MUSDB18 stem.
    public func read(
        _ stem: Stream, start: Double? = nil, duration: Double? = nil,
        sampleRate: Int? = nil, info: StemFileInfo? = nil
    ) throws -> AudioBuffer {
        try read(stream: stem.rawValue, start: start, duration: duration, sampleRate: sampleRate, info: info)
    }

    /// How many frames a complete stream gives at `rate` for this seek and duration, from
    /// the duration the container states (nil when it states none). ffmpeg decodes a file
    /// cut short up to where its data ends and exits 0, so the length is what shows it.
    static func statedFrames(of stream: StemFileInfo.Stream, start: Double?, duration: Double?, rate: Int) -> Int? {
        guard stream.duration > 0, stream.duration.isFinite else { return nil }
        let available = max(0, stream.duration - max(0, start ?? 0))
        let seconds = min(available, max(0, duration ?? .infinity))
        let frames = (seconds * Double(rate)).rounded()
        // A stated length past any real file (a damaged header) is no length at all.
        guard frames < 1e15 else { return nil }
        return Int(frames)
    }

    /// How far, in frames at the stream's own rate, a complete stream may fall short of
    /// its stated length: two AAC frames, for the encoder delay and padding that decoders
    /// trim differently (ffmpeg 5.1 gives MUSDB18's streams 152 frames more than stated).
    static let lengthTolerance = 2048

    /// The first line of `ffmpeg -version`, e.g. `ffmpeg version 5.1.9-0+deb12u1 …`.
    public static func ffmpegVersion() throws -> String {
        let program = try ExternalProgram("ffmpeg")
        let data = try program.run(["-version"], about: program.executable)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Seconds as Python's `str(datetime.timedelta(seconds=x))` prints them
    /// (`H:MM:SS` or `H:MM:SS.ffffff`, microseconds rounded half to even), the exact
    /// string stempeg hands to ffmpeg, so both seek to the same sample.
    static func timestamp(_ seconds: Double) -> String {
        let micros = Int64((seconds * 1_000_000).rounded(.toNearestOrEven))
        let sign = micros < 0 ? "-" : ""
        let magnitude = abs(micros)
        let whole = magnitude / 1_000_000, fraction = magnitude % 1_000_000
        let text = String(format: "%d:%02d:%02d", whole / 3600, (whole / 60) % 60, whole % 60)
        return sign + (fraction == 0 ? text : text + String(format: ".%06d", fraction))
    }

    private struct Probe: Decodable {
        struct ProbeStream: Decodable {
            var index: Int
            var codec_type: String?
            var codec_name: String?
            var sample_rate: String?
            var channels: Int?
            var duration_ts: Int?
            var duration: String?
            var tags: [String: String]?
        }
        var streams: [ProbeStream]?
    }
}
