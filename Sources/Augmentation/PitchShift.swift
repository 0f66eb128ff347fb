import Audio
import DSP

/// The channels shifted by `semitones` (fractional allowed) with the duration unchanged,
/// librosa's `pitch_shift` recipe: a phase-vocoder `timeStretch` by `2^(-semitones/12)`
/// (longer for an upward shift), then libsamplerate resampling by the same ratio back to
/// the original length. All channels share one phase evolution, so the stereo image is
/// kept. `semitones == 0` returns the input unchanged, bit for bit.
/// The pitch changes, in semitones, that `pitchShift` accepts.
public let pitchShiftSemitones: ClosedRange<Double> = -48...48
/// The tempo factors that `pitchShift` accepts.
public let timeStretchRates: ClosedRange<Double> = 0.25...4

public func pitchShift(
    _ channels: [[Double]], semitones: Double, sampleRate: Int = 44_100,
    vocoder: PhaseVocoder? = nil, resampling: ResamplingQuality = .medium
) throws -> [[Double]] {
    try pitchShift(
        channels, semitones: semitones, rate: 1, sampleRate: sampleRate, vocoder: vocoder,
        resampling: resampling)
}

/// Pitch shift by `semitones` and time stretch by `rate` in one pass: one phase-vocoder
/// stretch by `rate / 2^(semitones/12)` and one resampling. The result has
/// `round(count / rate)` samples per channel; identity settings return the input.
/// `resampling` picks libsamplerate's converter (medium: 97 dB SNR, 90 % bandwidth).
public func pitchShift(
    _ channels: [[Double]], semitones: Double, rate: Double,
    sampleRate: Int = 44_100, vocoder: PhaseVocoder? = nil,
    resampling: ResamplingQuality = .medium
) throws -> [[Double]] {
    guard pitchShiftSemitones.contains(semitones) else {
        throw AugmentationError.invalidParameter("pitch shift of \(semitones) semitones (use −48…48)")
    }
    guard timeStretchRates.contains(rate) else {
        throw AugmentationError.invalidParameter("time-stretch rate \(rate) (use 0.25…4)")
    }
    guard let count = channels.first?.count, count > 0 else { return channels }
    if semitones == 0 {
        return (vocoder ?? PhaseVocoder(sampleRate: sampleRate, rate: rate)).stretch(channels, rate: rate)
    }
    let factor = Double.exp2(semitones / 12)
    let stretchRate = rate / factor
    let stretched = (vocoder ?? PhaseVocoder(sampleRate: sampleRate, rate: stretchRate)).stretch(
        channels, rate: stretchRate)
    let outputCount = Int((Double(count) / rate).rounded())
    return try Resampler.resample(stretched, ratio: 1 / factor, outputCount: outputCount, quality: resampling)
}
