import CSndFile
import Foundation

/// Reads frame ranges of a sound file into per-channel `Double` arrays the caller owns, a
/// block at a time, so a scorer can walk a track without holding it in memory.
///
/// Samples stay in the file's precision until they are written out: 8-, 16- and 24-bit PCM
/// and 32-bit float are read as `Float` (exact: k/2^(bits−1) has at most 24 significant
/// bits) into a block of 8192 frames, then converted; other encodings are read as `Double`.
/// Either way the values are bit for bit `AudioFile.read`'s. A mono file can be read as
/// `channelCount` identical channels; frames past the end of the file read as zeros.
///
/// Not for concurrent use: one reader per thread (it keeps the file position and a block).
public final class AudioFileReader {
    /// The file's header.
    public let info: AudioFileInfo
    /// Channels written per read: the file's, or those a mono file is duplicated into.
    public let channelCount: Int
    private let file: SoundFileHandle
    private var position = 0
    private let readsFloat: Bool
    private let floats: UnsafeMutablePointer<Float>
    private let doubles: UnsafeMutablePointer<Double>

    public var url: URL { info.url }

    /// Opens `url`; a mono file is read as `channelCount` channels when given (other files
    /// keep their own channels).
    ///
    /// - Throws: `AudioError` naming the file (missing, empty, not audio, unsupported).
    public init(_ url: URL, channelCount wanted: Int? = nil) throws {
        file = try SoundFileHandle(reading: url)
        info = file.fileInfo()
        guard info.channelCount > 0 else { throw AudioError.readFailed(url, reason: "no channels") }
        channelCount = info.channelCount == 1 ? max(1, wanted ?? 1) : info.channelCount
        let subtype = info.formatCode & Int32(SF_FORMAT_SUBMASK)
        readsFloat = [SF_FORMAT_PCM_S8, SF_FORMAT_PCM_U8, SF_FORMAT_PCM_16, SF_FORMAT_PCM_24, SF_FORMAT_FLOAT]
            .contains { Int32($0) == subtype }
        let capacity = AudioFile.blockFrames * info.channelCount
        floats = UnsafeMutablePointer<Float>.allocate(capacity: readsFloat ? capacity : 1)
        doubles = UnsafeMutablePointer<Double>.allocate(capacity: readsFloat ? 1 : capacity)
    }

    deinit {
        floats.deallocate()
        doubles.deallocate()
    }

    /// Writes frames `range` of every channel to `channels[c]` (`range.count` values each);
    /// frames at or past the end of the file are zeros. Returns how many of the file's
    /// samples read were NaN or infinite.
    ///
    /// - Throws: `AudioError.readFailed` when libsndfile cannot seek or delivers fewer frames
    ///   than the header promises.
    public func read(_ range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws -> Int {
        precondition(channels.count == channelCount && range.lowerBound >= 0, "AudioFileReader.read: bad request")
        let available = max(0, min(range.upperBound, info.frameCount) - range.lowerBound)
        var nonFinite = 0
        if available > 0 {
            try seek(to: range.lowerBound)
            var done = 0
            while done < available {
                let wanted = min(AudioFile.blockFrames, available - done)
                let got =
                    readsFloat
                    ? Float.readFrames(file.handle, floats, wanted) : Double.readFrames(file.handle, doubles, wanted)
                guard got == wanted else {
                    position = -1
                    throw AudioError.readFailed(
                        url,
                        reason:
                            "got \(max(0, got)) of \(wanted) frames at frame \(range.lowerBound + done) (\(file.lastError))"
                    )
                }
                nonFinite &+=
                    readsFloat
                    ? deinterleave(floats, frames: got, into: channels, at: done)
                    : deinterleave(doubles, frames: got, into: channels, at: done)
                done += got
            }
            position = range.lowerBound + available
        }
        for channel in channels { (channel + available).update(repeating: 0, count: range.count - available) }
        return nonFinite
    }

    /// The number of NaN or infinite samples in the whole file (read from the start).
    public func nonFiniteCount() throws -> Int {
        var count = 0
        try seek(to: 0)
        while position < info.frameCount {
            let wanted = min(AudioFile.blockFrames, info.frameCount - position)
            let got =
                readsFloat
                ? Float.readFrames(file.handle, floats, wanted) : Double.readFrames(file.handle, doubles, wanted)
            guard got > 0 else { break }
            for i in 0..<got * info.channelCount {
                if readsFloat ? !floats[i].isFinite : !doubles[i].isFinite { count += 1 }
            }
            position += got
        }
        return count
    }

    private func seek(to frame: Int) throws {
        guard frame != position else { return }
        guard sf_seek(file.handle, sf_count_t(frame), SEEK_SET) == sf_count_t(frame) else {
            position = -1
            throw AudioError.readFailed(url, reason: "cannot seek to frame \(frame): \(file.lastError)")
        }
        position = frame
    }

    /// One block, frame-major, into the planar outputs at `offset`; returns the non-finite count.
    @inline(__always)
    private func deinterleave<T: BinaryFloatingPoint & SIMDScalar>(
        _ block: UnsafeMutablePointer<T>, frames: Int, into out: [UnsafeMutablePointer<Double>], at offset: Int
    ) -> Int {
        let fileChannels = info.channelCount
        let count = Self.nonFiniteCount(block, frames * fileChannels)
        if fileChannels == 1 {
            let first = out[0] + offset
            for f in 0..<frames { first[f] = Double(block[f]) }
            for channel in out.dropFirst() { (channel + offset).update(from: first, count: frames) }
        } else if fileChannels == 2 {
            let left = out[0] + offset, right = out[1] + offset
            for f in 0..<frames {
                left[f] = Double(block[2 * f])
                right[f] = Double(block[2 * f + 1])
            }
        } else {
            for c in 0..<fileChannels {
                let target = out[c] + offset
                for f in 0..<frames { target[f] = Double(block[f * fileChannels + c]) }
            }
        }
        return count
    }

    /// NaN and infinite values among `n`: x − x is NaN exactly for those, so one vector sum
    /// says whether there are any (the common case: none) and only then are they counted.
    @inline(__always)
    private static func nonFiniteCount<T: BinaryFloatingPoint & SIMDScalar>(_ x: UnsafePointer<T>, _ n: Int) -> Int {
        var poison = SIMD8<T>()
        let whole = n / 8 * 8
        for i in stride(from: 0, to: whole, by: 8) {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<T>.self)
            poison += v - v
        }
        var tail: T = 0
        for i in whole..<n { tail += x[i] - x[i] }
        guard poison.sum().isNaN || tail.isNaN else { return 0 }
        return (0..<n).reduce(0) { $0 + (x[$1].isFinite ? 0 : 1) }
    }
}
