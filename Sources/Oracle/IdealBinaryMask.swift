import DSP

/// The ideal binary mask (sigsep-mus-oracle's `IBM.py`): each channel on its own, a bin of
/// the mixture goes to source `j` when `|S_j|^α / (ε + |X|^α) ≥ θ` (α = 1 and θ = 0.5,
/// "IBM1", is a majority vote on magnitudes; α = 2 compares powers, "IBM2").
///
/// Unlike the ratio mask it compares with the mixture, not with the sum of the sources, so
/// several sources (or none) may claim a bin. Faithful to the reference's two-step
/// assignment, a threshold above 1 yields all-zero masks.
public struct IdealBinaryMask: OracleSeparator {
    /// The spectrogram exponent α.
    public var exponent: Double
    /// The threshold θ on the source-to-mixture ratio.
    public var threshold: Double
    /// STFT segment length (`nperseg`), 2048 in the reference.
    public var segmentLength: Int

    public init(exponent: Double = 1, threshold: Double = 0.5, segmentLength: Int = 2048) {
        self.exponent = exponent
        self.threshold = threshold
        self.segmentLength = segmentLength
    }

    public func separate(mixture: [[Double]], sources: [Stem]) throws -> [Stem] {
        try maskedSeparation(
            mixture: mixture, sources: sources, exponent: exponent, segmentLength: segmentLength,
            kind: "binary mask", masks: { masks(mixture: mixture, sources: sources, channel: $0) },
            apply: { mask, bin in mask == 0 ? .zero : bin })
    }

    /// The binary masks (0 or 1) of `sources` for channel `channel`, one per source in the
    /// STFT layout (frame after frame, `SciPySTFT(segmentLength:)` bins).
    public func masks(mixture: [[Double]], sources: [Stem], channel: Int) -> [[Double]] {
        let transform = SciPySTFT(segmentLength: segmentLength)
        let mixPower = transform.forward(mixture[channel]).values.map {
            oracleEpsilon + magnitudePower($0, exponent: exponent)
        }
        return sources.map { source in
            let spectrum = transform.forward(source.channels[channel]).values
            return spectrum.indices.map { k in
                isSelected(ratio: magnitudePower(spectrum[k], exponent: exponent) / mixPower[k]) ? 1 : 0
            }
        }
    }

    /// Whether a bin with this source-to-mixture ratio is kept. The reference first sets
    /// ratios ≥ θ to 1, then everything < θ to 0, so a 1 below θ is dropped again.
    func isSelected(ratio: Double) -> Bool {
        ratio >= threshold && 1 >= threshold
    }
}
