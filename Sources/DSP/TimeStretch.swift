/// The channels of a signal (all the same length) played `rate` times faster with the
/// pitch unchanged, librosa's `time_stretch` vocabulary: `rate` 2 halves the duration,
/// 0.5 doubles it. The result has `round(count / rate)` samples per channel and all
/// channels share one phase evolution, so the stereo image survives (see `PhaseVocoder`).
/// `rate == 1` returns the input unchanged, bit for bit.
public func timeStretch(_ channels: [[Double]], rate: Double, sampleRate: Int = 44_100) -> [[Double]] {
    PhaseVocoder(sampleRate: sampleRate, rate: rate).stretch(channels, rate: rate)
}

/// A mono signal played `rate` times faster with the pitch unchanged (see the
/// multichannel `timeStretch`).
public func timeStretch(_ signal: [Double], rate: Double, sampleRate: Int = 44_100) -> [Double] {
    PhaseVocoder(sampleRate: sampleRate, rate: rate).stretch([signal], rate: rate)[0]
}
