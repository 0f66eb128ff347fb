import DSP

extension OracleSeparator {
    /// What the mask oracles (`IdealRatioMask`, `IdealBinaryMask`) share: each channel on
    /// its own, the mixture's STFT (`SciPySTFT`, `segmentLength` points) weighted bin by
    /// bin with each source's mask, transformed back and trimmed to the mixture's length.
    ///
    /// - Parameters:
    ///   - kind: the mask's name in parameter errors ("ratio mask", "binary mask").
    ///   - masks: the masks of every source for one channel, in the STFT's layout.
    ///   - apply: a mixture bin weighted by a mask value; the only difference between the
    ///     oracles (a binary mask zeroes bins rather than multiplying them, as the reference does).
    func maskedSeparation(
        mixture: [[Double]], sources: [Stem], exponent: Double, segmentLength: Int, kind: String,
        masks: (_ channel: Int) -> [[Double]],
        apply: (_ mask: Double, _ bin: Complex<Double>) -> Complex<Double>
    ) throws -> [Stem] {
        let (channelCount, sampleCount) = try validate(mixture: mixture, sources: sources)
        guard exponent > 0, exponent.isFinite else {
            throw OracleError.invalidParameter("the \(kind) exponent must be positive, not \(exponent)")
        }
        guard segmentLength >= 2 else {
            throw OracleError.invalidParameter("the STFT segment length must be at least 2, not \(segmentLength)")
        }
        let transform = SciPySTFT(segmentLength: segmentLength)
        var estimates = sources.map { Stem(name: $0.name, channels: []) }
        for c in 0..<channelCount {
            let mix = transform.forward(mixture[c])
            for (j, mask) in masks(c).enumerated() {
                var masked = mix
                for k in masked.values.indices { masked.values[k] = apply(mask[k], mix.values[k]) }
                estimates[j].channels.append(trimmed(transform.inverse(masked), to: sampleCount))
            }
        }
        return estimates
    }
}
