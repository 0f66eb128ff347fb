import Audio
import Foundation
import MUSDB

/// One target's samples as the scorer reads them: read from files a block at a time (a
/// gain-weighted sum of files, as a MUSDB target is a sum of stems), or already in memory
/// (decoded `.stem.mp4` streams, resampled estimates, arrays a caller built).
///
/// A file-backed target never holds its track: each `read` fills the caller's buffers
/// from the files, and a fault found there (unreadable, NaN or infinite samples) is thrown
/// as the `TrackEvaluationError` of the file's side (`FaultReport`), with the file's whole
/// non-finite count.
public struct TargetSignal: @unchecked Sendable {
    /// The target name.
    public let name: String
    public let sampleRate: Int
    public let channelCount: Int
    /// Frames the scorer sees: files shorter than this read as zeros past their end, longer
    /// ones are cut (museval's `pad_or_truncate`).
    public let frameCount: Int
    private let storage: Storage

    private enum Storage {
        case memory(AudioBuffer)
        case files([Part], Scratch)
    }

    /// One file of the sum.
    private struct Part {
        let reader: AudioFileReader
        let gain: Double
        let report: FaultReport
    }

    /// Reused planar buffers for the second and later files of a sum.
    private final class Scratch {
        var channels: [UnsafeMutablePointer<Double>] = []
        var capacity = 0
        deinit { for channel in channels { channel.deallocate() } }
        func channels(count: Int, frames: Int) -> [UnsafeMutablePointer<Double>] {
            if frames > capacity || channels.count != count {
                for channel in channels { channel.deallocate() }
                capacity = max(frames, capacity)
                channels = (0..<count).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: capacity) }
            }
            return channels
        }
    }

    /// Audio already in memory (frames past the buffer read as zeros).
    public init(name: String, audio: AudioBuffer, frameCount: Int? = nil) {
        self.name = name
        sampleRate = audio.sampleRate
        channelCount = audio.channelCount
        self.frameCount = frameCount ?? audio.frameCount
        storage = .memory(audio)
    }

    /// The sum of `files` (each times its gain, added in order as `Track.load` adds stems),
    /// `frameCount` frames of `channelCount` channels; a mono file is duplicated. The
    /// caller has checked the headers (rate, channels, length). Each file's faults are
    /// reported by its `report`.
    ///
    /// - Throws: the `report`'s unreadable error when a file cannot be opened.
    public init(
        name: String, files: [(url: URL, gain: Double, report: FaultReport)], channelCount: Int, frameCount: Int,
        sampleRate: Int
    ) throws {
        self.name = name
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.frameCount = frameCount
        let parts = try files.map { file in
            do {
                return Part(
                    reader: try AudioFileReader(file.url, channelCount: channelCount), gain: file.gain,
                    report: file.report)
            } catch {
                throw file.report.unreadable(file.url, EstimateLoading.reason(error, url: file.url))
            }
        }
        storage = .files(parts, Scratch())
    }

    /// The files read (none for audio in memory).
    public var files: [URL] {
        guard case let .files(parts, _) = storage else { return [] }
        return parts.map(\.reader.url)
    }

    /// Writes frames `range` of every channel to `channels[c]`, zeros past `frameCount`.
    ///
    /// - Throws: the file's `TrackEvaluationError` (unreadable, non-finite).
    public func read(_ range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        let kept = range.clamped(to: 0..<frameCount)
        switch storage {
        case let .memory(audio):
            let valid = range.clamped(to: 0..<min(frameCount, audio.frameCount))
            for c in 0..<channelCount {
                audio.channels[c].withUnsafeBufferPointer { source in
                    if let base = source.baseAddress, !valid.isEmpty {
                        channels[c].update(from: base + valid.lowerBound, count: valid.count)
                    }
                }
                (channels[c] + valid.count).update(repeating: 0, count: range.count - valid.count)
            }
        case let .files(parts, scratch):
            let wanted = kept.isEmpty ? range.lowerBound..<range.lowerBound : kept
            for (index, part) in parts.enumerated() {
                let target = index == 0 ? channels : scratch.channels(count: channelCount, frames: wanted.count)
                try Self.read(part, wanted, into: target)
                if index == 0 {
                    if part.gain != 1 {
                        for channel in channels { for f in 0..<wanted.count { channel[f] = channel[f] * part.gain } }
                    }
                } else {
                    for c in 0..<channelCount {
                        let (sum, source) = (channels[c], target[c])
                        if part.gain == 1 {
                            for f in 0..<wanted.count { sum[f] += source[f] }
                        } else {
                            for f in 0..<wanted.count { sum[f] += part.gain * source[f] }
                        }
                    }
                }
            }
            for channel in channels {
                (channel + wanted.count).update(repeating: 0, count: range.count - wanted.count)
            }
        }
    }

    private static func read(_ part: Part, _ range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        let url = part.reader.url
        let nonFinite: Int
        do {
            nonFinite = try part.reader.read(range, into: channels)
        } catch {
            throw part.report.unreadable(url, EstimateLoading.reason(error, url: url))
        }
        if nonFinite > 0 {
            // The message gives the file's own count, as a whole-file read would.
            let total = (try? AudioFileReader(url).nonFiniteCount()) ?? nonFinite
            throw part.report.nonFinite(url, total)
        }
    }

    /// Frames per read of the whole-target walks below.
    static let walkFrames = 1 << 16

    /// Calls `body` with each piece of the target in order (`walkFrames` at a time) until it
    /// returns false.
    private func walk(_ body: ([UnsafeMutablePointer<Double>], Int) -> Bool) throws {
        let storage = UnsafeMutablePointer<Double>.allocate(capacity: max(1, channelCount * Self.walkFrames))
        defer { storage.deallocate() }
        let channels = (0..<channelCount).map { storage + $0 * Self.walkFrames }
        for start in stride(from: 0, to: frameCount, by: Self.walkFrames) {
            let range = start..<min(start + Self.walkFrames, frameCount)
            try read(range, into: channels)
            if !body(channels, range.count) { return }
        }
    }

    /// True when the channels sum to zero at every frame (museval's silence test); reads
    /// only up to the first frame that sounds.
    public func isSilent() throws -> Bool {
        if case let .memory(audio) = storage, audio.frameCount == frameCount { return EstimateLoading.isSilent(audio) }
        var silent = true
        try walk { channels, count in
            for f in 0..<count {
                var sum = 0.0
                for channel in channels { sum += channel[f] }
                if sum != 0 {
                    silent = false
                    return false
                }
            }
            return true
        }
        return silent
    }

    /// Reads every frame once, so that a fault of the files is thrown.
    public func validate() throws {
        try walk { _, _ in true }
    }

    /// Every sample, `[channel][frame]`.
    public func samples() throws -> [[Double]] {
        var out = [[Double]](repeating: [Double](repeating: 0, count: frameCount), count: channelCount)
        var position = 0
        try walk { channels, count in
            for c in 0..<channelCount {
                out[c].withUnsafeMutableBufferPointer { target in
                    _ = UnsafeMutableBufferPointer(rebasing: target[position..<position + count]).update(
                        fromContentsOf: UnsafeBufferPointer(start: channels[c], count: count))
                }
            }
            position += count
            return true
        }
        return out
    }
}
