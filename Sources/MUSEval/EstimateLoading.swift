import Audio
import Foundation

/// Reads separator output files and brings each to its reference's shape.
public enum EstimateLoading {
    /// Reads `url` (any format libsndfile reads) and adjusts it to `sampleRate`,
    /// `channelCount` and `frameCount`: another rate is resampled with libsamplerate, mono
    /// is duplicated to stereo, and the length is padded with zeros or truncated at the end,
    /// as museval's `pad_or_truncate` does. Returns the audio and what was changed.
    ///
    /// - Throws: `TrackEvaluationError.unreadable` for a file libsndfile cannot decode,
    ///   `.nonFinite` for NaN/Inf samples (checked before resampling would smear them),
    ///   `.channelMismatch` for channel counts other than the reference's or mono.
    ///
    /// A file at the reference rate, with the reference's channels or mono, is shaped while it
    /// is read (`AudioFile.readShaped`: duplicated, padded or cut into arrays allocated once at
    /// their final size); others are read whole and go through `adjust`, the plain version
    /// (the tests hold the two to the same samples, adjustments and errors).
    public static func load(
        _ url: URL, sampleRate: Int, channelCount: Int,
        frameCount: Int
    ) throws -> (AudioBuffer, [InputAdjustment]) {
        try load(
            url, info: try readable(url) { try AudioFile.info(of: url) }, sampleRate: sampleRate,
            channelCount: channelCount, frameCount: frameCount)
    }

    /// Whether a file of header `info` is shaped as it is read (same rate; the reference's
    /// channels, or mono for stereo): no resampling.
    static func shapesAsRead(_ info: AudioFileInfo, sampleRate: Int, channelCount: Int) -> Bool {
        info.sampleRate == sampleRate
            && (info.channelCount == channelCount || (info.channelCount == 1 && channelCount == 2))
    }

    private static func load(
        _ url: URL, info: AudioFileInfo, sampleRate: Int, channelCount: Int, frameCount: Int
    ) throws -> (AudioBuffer, [InputAdjustment]) {
        guard shapesAsRead(info, sampleRate: sampleRate, channelCount: channelCount) else {
            let whole = try readable(url) { try AudioFile.read(url) }
            return try adjust(
                whole, from: url, sampleRate: sampleRate, channelCount: channelCount, frameCount: frameCount)
        }
        let (audio, nonFinite) = try readable(url) {
            try AudioFile.readShaped(url, frameCount: frameCount, channelCount: channelCount)
        }
        guard nonFinite == 0 else { throw TrackEvaluationError.nonFinite(url, count: nonFinite) }
        return (audio, adjustments(info, channelCount: channelCount, frameCount: frameCount))
    }

    /// The estimate `url` as the scorer reads it, with what was changed: at the reference
    /// rate, with the reference's channels or mono, it is read from the file a block at a
    /// time as the scorer goes (mono duplicated, zeros past its end, cut at `frameCount`),
    /// and NaN or infinite samples are reported when they are met; otherwise it is read and
    /// adjusted in memory by `load`.
    ///
    /// - Throws: the errors of `load` (for a file read in memory, or an unreadable header).
    public static func open(
        _ url: URL, target: String, sampleRate: Int, channelCount: Int, frameCount: Int
    ) throws -> (TargetSignal, [InputAdjustment]) {
        let info = try readable(url) { try AudioFile.info(of: url) }
        guard shapesAsRead(info, sampleRate: sampleRate, channelCount: channelCount) else {
            let (audio, adjustments) = try load(
                url, info: info, sampleRate: sampleRate, channelCount: channelCount, frameCount: frameCount)
            return (TargetSignal(name: target, audio: audio), adjustments)
        }
        let signal = try TargetSignal(
            name: target, files: [(url, 1, .estimate)], channelCount: channelCount, frameCount: frameCount,
            sampleRate: sampleRate)
        return (signal, adjustments(info, channelCount: channelCount, frameCount: frameCount))
    }

    /// What shaping a file of header `info` to `channelCount` × `frameCount` changes.
    static func adjustments(_ info: AudioFileInfo, channelCount: Int, frameCount: Int) -> [InputAdjustment] {
        var adjustments = [InputAdjustment]()
        if info.channelCount != channelCount { adjustments.append(.duplicatedMono(info.url)) }
        if info.frameCount < frameCount {
            adjustments.append(.padded(info.url, frames: frameCount - info.frameCount))
        } else if info.frameCount > frameCount {
            adjustments.append(.truncated(info.url, frames: info.frameCount - frameCount))
        }
        return adjustments
    }

    /// `body`'s result, with a decoding failure reported as `.unreadable` naming `url`.
    private static func readable<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw TrackEvaluationError.unreadable(url, reason: Self.reason(error, url: url))
        }
    }

    /// The adjustments of `load` on audio already in memory (`url` names it in messages).
    public static func adjust(
        _ input: AudioBuffer, from url: URL, sampleRate: Int, channelCount: Int,
        frameCount: Int
    ) throws -> (AudioBuffer, [InputAdjustment]) {
        var audio = input
        var adjustments = [InputAdjustment]()
        let nonFinite = audio.nonFiniteSampleCount
        guard nonFinite == 0 else { throw TrackEvaluationError.nonFinite(url, count: nonFinite) }
        let duplicate = audio.channelCount != channelCount
        if duplicate {
            guard audio.channelCount == 1, channelCount == 2 else {
                throw TrackEvaluationError.channelMismatch(url, channels: audio.channelCount, expected: channelCount)
            }
        }
        if audio.sampleRate != sampleRate {
            let from = audio.sampleRate
            do {
                audio = try audio.resampled(to: sampleRate, quality: .best)
            } catch {
                throw TrackEvaluationError.unreadable(url, reason: "resampling from \(from) Hz failed: \(error)")
            }
            adjustments.append(.resampled(url, from: from, to: sampleRate))
        }
        // Duplicated after resampling: one channel costs half the resampling.
        if duplicate {
            audio = audio.duplicatedToStereo()
            adjustments.append(.duplicatedMono(url))
        }
        if audio.frameCount < frameCount {
            let missing = frameCount - audio.frameCount
            audio.channels = audio.channels.map { $0 + [Double](repeating: 0, count: missing) }
            adjustments.append(.padded(url, frames: missing))
        } else if audio.frameCount > frameCount {
            adjustments.append(.truncated(url, frames: audio.frameCount - frameCount))
            audio.channels = audio.channels.map { Array($0.prefix(frameCount)) }
        }
        return (audio, adjustments)
    }

    /// The library's message without a repeated path.
    static func reason(_ error: Error, url: URL) -> String {
        let text = String(describing: error)
        let prefix = url.path + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// True when the channels of `audio` sum to zero at every sample (museval's silence
    /// test: a stereo signal with L = −R is silent too).
    public static func isSilent(_ audio: AudioBuffer) -> Bool {
        let frames = audio.frameCount
        for f in 0..<frames {
            var sum = 0.0
            for channel in audio.channels { sum += channel[f] }
            if sum != 0 { return false }
        }
        return true
    }
}
