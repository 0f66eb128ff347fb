import Audio
import Foundation

extension Track {
    /// A stem of a `.conformed` track (MoisesDB-like): its parts read, fitted and summed.
    ///
    /// Each part must be readable, have a positive rate and either one channel (copied to
    /// every channel) or the track's channel count; a part at another rate is resampled to
    /// the track's rate before anything else. The parts are summed over the shortest part
    /// (`trim_and_mix`), and the stem is padded with silence up to the track's length
    /// (`pad_and_mix`), so every stem of a track has the track's shape.
    ///
    /// - Parameters:
    ///   - frames: the frames to return at the track's rate (nil: the current chunk).
    ///   - resample: resample the result to `sampleRate` when one is set.
    func readConformed(
        _ files: [URL], stem: String, frames: Range<Int>? = nil, resample: Bool = true
    ) throws -> AudioBuffer {
        let range = frames ?? chunkFrames
        let headers = try files.map { try conformableHeader($0, stem: stem) }
        // The stem's length: its shortest part, at the track's rate.
        let stemLength = headers.map { Self.framesAtRate($0.frameCount, from: $0.sampleRate, to: rate) }.min() ?? 0
        let readable = range.clamped(to: 0..<min(stemLength, frameCount))
        var parts = [AudioBuffer]()
        for (url, info) in zip(files, headers) {
            var part: AudioBuffer
            do {
                if info.sampleRate == rate {
                    part = try AudioFile.read(url, frames: readable)
                    try requireFinite(part, stem: stem, url: url)
                } else {
                    let whole = try AudioFile.read(url)
                    try requireFinite(whole, stem: stem, url: url)
                    let resampled = try whole.resampled(to: rate)
                    part = resampled.frames(readable.clamped(to: 0..<resampled.frameCount))
                }
            } catch let error as AudioError {
                throw MUSDBError.invalidStem(
                    track: name, stem: stem, url: url, fault: .unreadable(Self.reason(error, url: url)))
            }
            if part.channelCount == 1, channelCount > 1, let mono = part.channels.first {
                part = AudioBuffer(sampleRate: part.sampleRate, channels: Array(repeating: mono, count: channelCount))
            }
            parts.append(part)
        }
        let common = parts.map(\.frameCount).min() ?? 0
        var sum = AudioBuffer(sampleRate: rate, frameCount: range.count, channelCount: channelCount)
        for part in parts where part.channelCount == channelCount {
            for channel in 0..<channelCount {
                for frame in 0..<common { sum.channels[channel][frame] += part.channels[channel][frame] }
            }
        }
        guard resample, let sampleRate, sampleRate != rate else { return sum }
        return try sum.resampled(to: sampleRate)
    }

    /// The header of one part of a `.conformed` stem, checked for what fitting needs: a
    /// positive rate and one channel or the track's channel count.
    func conformableHeader(_ url: URL, stem: String) throws -> AudioFileInfo {
        let info: AudioFileInfo
        do { info = try AudioFile.info(of: url) } catch let error as AudioError {
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: url, fault: .unreadable(Self.reason(error, url: url)))
        }
        guard info.sampleRate > 0 else {
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: url, fault: .unreadable("its header reports \(info.sampleRate) Hz"))
        }
        guard info.channelCount == 1 || info.channelCount == channelCount else {
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: url,
                fault: .channelCount(found: info.channelCount, expected: channelCount))
        }
        return info
    }

    /// `frames` at `from` Hz expressed at `to` Hz, rounded to the nearest frame (what a
    /// resampler's output length is, up to a frame; the fitting trims to the actual one).
    static func framesAtRate(_ frames: Int, from: Int, to: Int) -> Int {
        guard from != to, from > 0 else { return frames }
        return Int((Double(frames) * Double(to) / Double(from)).rounded())
    }
}
