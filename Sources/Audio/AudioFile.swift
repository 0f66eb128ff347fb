import CSndFile
import FileOutput
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reading and writing sound files with libsndfile: WAV (16/24/32-bit integer and float),
/// FLAC, OGG/Vorbis, MP3 (when the installed libsndfile has it) and everything else it reads.
public enum AudioFile {
    /// The header of a sound file, without decoding any samples.
    public static func info(of url: URL) throws -> AudioFileInfo {
        try SoundFileHandle(reading: url).fileInfo()
    }

    /// The header of the sound file held by `source` (a zip member): libsndfile reads only
    /// the bytes its header parsing asks for.
    public static func info(of source: AudioByteSource) throws -> AudioFileInfo {
        try SoundFileHandle(reading: source).fileInfo()
    }

    /// The samples of the sound file held by `source` (or of the frame range `frames`), as
    /// `read(_:frames:)` reads a file. An error thrown by the source is thrown as it is.
    public static func read(_ source: AudioByteSource, frames: Range<Int>? = nil) throws -> AudioBuffer {
        try readShaped(SoundFileHandle.opening(source, at: frames), frameCount: nil, channelCount: nil).audio
    }

    /// The samples of `url` (or of the frame range `frames`) as planar `Double`s.
    ///
    /// Integer PCM is normalised to `k / 2^(bits-1)`, bit for bit what Python
    /// `soundfile.read(dtype='float64')` returns (both use libsndfile's normalised reads).
    public static func read(_ url: URL, frames: Range<Int>? = nil) throws -> AudioBuffer {
        try readShaped(url, frames: frames).audio
    }

    /// Frames per block of `readShaped`: 8192 stereo `Double` frames are 128 kB, a block
    /// that stays in L2 while it is deinterleaved.
    public static let blockFrames = 8192

    /// The samples of `url` (or of the frame range `frames`) as planar `Double`s, shaped on
    /// the way in: `frameCount` frames (zero-padded at the end, or cut: the frames past it
    /// are still read, to be counted), and a mono file duplicated into `channelCount`
    /// channels (other files keep their own channels). Also returns the number of NaN or
    /// infinite samples in the file's frames read (each file sample once).
    ///
    /// libsndfile fills one reused block buffer at a time, which is deinterleaved straight
    /// into the arrays returned: no whole-track interleaved copy, and no second copy for
    /// duplicating, padding or cutting (each array is allocated once, at its final length).
    /// The samples are the same bits as `readInterleaved`'s.
    public static func readShaped(
        _ url: URL, frames: Range<Int>? = nil, frameCount: Int? = nil,
        channelCount: Int? = nil
    ) throws -> (audio: AudioBuffer, nonFiniteCount: Int) {
        try readShaped(SoundFileHandle.opening(url, at: frames), frameCount: frameCount, channelCount: channelCount)
    }

    /// `readShaped(_:frames:frameCount:channelCount:)` on an opened, positioned handle.
    static func readShaped(
        _ opened: (file: SoundFileHandle, info: AudioFileInfo, range: Range<Int>), frameCount: Int?,
        channelCount: Int?
    ) throws -> (audio: AudioBuffer, nonFiniteCount: Int) {
        let (file, info, range) = opened
        let url = file.url
        let fileChannels = info.channelCount
        guard fileChannels > 0 else { throw AudioError.readFailed(url, reason: "no channels") }
        let outputChannels = fileChannels == 1 ? max(1, channelCount ?? 1) : fileChannels
        let length = max(0, frameCount ?? range.count)
        let block = UnsafeMutablePointer<Double>.allocate(capacity: blockFrames * fileChannels)
        defer { block.deallocate() }
        var position = 0, nonFinite = 0
        let channels = makeArrays(outputChannels, length: length) { (out: [UnsafeMutablePointer<Double>]) in
            while position < range.count {
                let wanted = min(blockFrames, range.count - position)
                let got = max(0, Double.readFrames(file.handle, block, wanted))
                for i in 0..<got * fileChannels { nonFinite &+= block[i].isFinite ? 0 : 1 }
                let kept = min(got, max(0, length - position))
                if fileChannels == 1 {
                    for channel in out { (channel + position).initialize(from: block, count: kept) }
                } else if fileChannels == 2 {
                    let left = out[0] + position, right = out[1] + position
                    for f in 0..<kept {
                        left[f] = block[2 * f]
                        right[f] = block[2 * f + 1]
                    }
                } else {
                    for c in 0..<fileChannels {
                        let target = out[c] + position
                        for f in 0..<kept { target[f] = block[f * fileChannels + c] }
                    }
                }
                position += got
                if got < wanted { break }
            }
            // Padding, or the tail of a short read: never uninitialised memory.
            let filled = min(position, length)
            for channel in out { (channel + filled).initialize(repeating: 0, count: length - filled) }
        }
        if let failure = file.sourceFailure { throw failure }
        if position != range.count {
            throw AudioError.readFailed(url, reason: "got \(position) of \(range.count) frames (\(file.lastError))")
        }
        return (AudioBuffer(sampleRate: info.sampleRate, channels: channels), nonFinite)
    }

    /// Offers the 2 MB-aligned interior of `byteCount` bytes at `pointer`, not yet written,
    /// to transparent huge pages (`MADV_HUGEPAGE`; Linux, from 4 MB on). A track's arrays are
    /// the largest fresh memory a scoring process touches (8 stems × 2 channels × 21 MB for
    /// one minute); faulted in 4 kB pages they cost a page fault per 512 samples, which was
    /// the largest share of the system time; in 2 MB pages, one per 262 144 samples.
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if canImport(Glibc)
            let huge = 2 << 20
            guard byteCount >= 2 * huge else { return }
            let start = (Int(bitPattern: pointer) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: pointer) + byteCount) & ~(huge - 1)
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }

    /// `count` arrays of `length` elements, all filled at once by `fill` (which must write
    /// every element): each array is made inside the previous one's
    /// `unsafeUninitializedCapacity`, so no array is copied or zeroed first.
    static func makeArrays<T>(_ count: Int, length: Int, fill: ([UnsafeMutablePointer<T>]) -> Void) -> [[T]] {
        var pointers: [UnsafeMutablePointer<T>] = []
        var arrays: [[T]] = []
        func level(_ c: Int) {
            if c == count { return fill(pointers) }
            let array = [T](unsafeUninitializedCapacity: max(1, length)) { buffer, initialized in
                adviseHugePages(buffer.baseAddress!, byteCount: length * MemoryLayout<T>.stride)
                pointers.append(buffer.baseAddress!)
                level(c + 1)
                initialized = length
            }
            arrays.append(array)
        }
        level(0)
        return arrays.reversed()
    }

    /// The samples of `url` (or of the frame range `frames`) frame-major, as `Float` or
    /// `Double`, with the file's header.
    public static func readInterleaved<Sample: SoundFileSample>(
        _ url: URL, frames: Range<Int>? = nil, as: Sample.Type = Sample.self
    ) throws -> (samples: [Sample], info: AudioFileInfo) {
        let (file, info, range) = try SoundFileHandle.opening(url, at: frames)
        let channelCount = info.channelCount
        var readCount = 0
        let samples = try [Sample](unsafeUninitializedCapacity: range.count * channelCount) { buffer, count in
            readCount = Sample.readFrames(file.handle, buffer.baseAddress, range.count)
            count = max(0, readCount) * channelCount
            // Zero the tail of a short read so the array never holds uninitialised memory.
            if count < buffer.count {
                buffer.baseAddress!.advanced(by: count).initialize(repeating: 0, count: buffer.count - count)
            }
            count = buffer.count
            if readCount != range.count {
                throw AudioError.readFailed(
                    url, reason: "got \(readCount) of \(range.count) frames (\(file.lastError))")
            }
        }
        return (samples, info)
    }

    /// The samples of `url` (or of the frame range `frames`) planar (`channels[c][frame]`),
    /// as `Float` or `Double`, with the file's header.
    public static func readPlanar<Sample: SoundFileSample>(
        _ url: URL, frames: Range<Int>? = nil, as: Sample.Type = Sample.self
    ) throws -> (channels: [[Sample]], info: AudioFileInfo) {
        let (samples, info) = try readInterleaved(url, frames: frames, as: Sample.self)
        let channelCount = info.channelCount, frameCount = samples.count / max(1, channelCount)
        let channels = (0..<channelCount).map { c in
            [Sample](unsafeUninitializedCapacity: frameCount) { out, count in
                samples.withUnsafeBufferPointer { source in
                    for f in 0..<frameCount { out[f] = source[f * channelCount + c] }
                }
                count = frameCount
            }
        }
        return (channels, info)
    }

    /// Writes `buffer` to `url` in `format`, atomically.
    ///
    /// The samples go to a temporary file beside the target (`FileOutput.AtomicFile`: links
    /// followed, devices and folders refused), which is renamed over it only once complete,
    /// so a failure never leaves a half-written file behind.
    /// Clipping: integer formats clip samples outside [-1, 1) to the extreme codes
    /// (libsndfile `SFC_SET_CLIPPING`), and scale by 2^(bits-1), so `k/32768` written as
    /// 16-bit reads back exactly; float WAV stores the samples as they are. NaN and
    /// infinite samples are refused (`AudioError.nonFiniteSamples`).
    public static func write(_ buffer: AudioBuffer, to url: URL, format: AudioFileFormat) throws {
        try writeInterleaved(
            buffer.interleaved, sampleRate: buffer.sampleRate, channelCount: buffer.channelCount,
            to: url, format: format)
    }

    /// Writes frame-major samples to `url` in `format`, atomically (see `write(_:to:format:)`).
    ///
    /// - Throws: `AudioError.nonFiniteSamples` (nothing written) when a sample is NaN or
    ///   infinite: integer formats would store them as full-scale clicks, float WAVs as
    ///   values every reader chokes on.
    public static func writeInterleaved<Sample: SoundFileSample>(
        _ samples: [Sample], sampleRate: Int, channelCount: Int, to url: URL, format: AudioFileFormat
    ) throws {
        guard channelCount > 0 else { throw AudioError.invalidBuffer("no channels to write to \(url.path)") }
        guard sampleRate > 0 else { throw AudioError.invalidBuffer("sample rate \(sampleRate) for \(url.path)") }
        let nonFinite = samples.withUnsafeBufferPointer { values in
            var count = 0
            for value in values where !value.isFinite { count += 1 }
            return count
        }
        if nonFinite > 0 { throw AudioError.nonFiniteSamples(url, count: nonFinite) }
        do {
            try AtomicFile.write(to: url) { temporary in
                let file = try SoundFileHandle(
                    writing: temporary, sampleRate: sampleRate, channelCount: channelCount,
                    format: format, reportAs: url)
                let frames = samples.count / channelCount
                let written = samples.withUnsafeBufferPointer {
                    Sample.writeFrames(file.handle, $0.baseAddress, frames)
                }
                let error = file.lastError
                // Close (flush the header) before the rename; a failed close is a failed write.
                guard file.close() == 0 else { throw AudioError.writeFailed(url, reason: "closing failed (\(error))") }
                guard written == frames else {
                    throw AudioError.writeFailed(url, reason: "wrote \(written) of \(frames) frames (\(error))")
                }
            }
        } catch let error as FileOutputError {
            throw AudioError.writeFailed(url, reason: error.reason.description)
        }
    }
}
