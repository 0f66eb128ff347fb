import DSP

/// The ideal ratio mask (sigsep-mus-oracle's `IRM.py`): each channel on its own, source
/// `j` gets the mixture's STFT times `|S_j|^α / (ε + Σ_k |S_k|^α)`, the share of its
/// spectrogram (α = 1: magnitudes, "IRM1"; α = 2: powers, "IRM2", a Wiener-like mask).
///
/// STFT: scipy's convention (`SciPySTFT`), periodic Hann, hop half a segment; the inverse
/// is trimmed to the mixture's length. The masks of one bin sum to `Σ/(ε + Σ)`, one to
/// rounding wherever the sources are not all silent.
public struct IdealRatioMask: OracleSeparator {
    /// The spectrogram exponent α (1 or 2 in the SiSEC tables).
    public var exponent: Double
    /// STFT segment length (`nperseg`), 2048 in the reference.
    public var segmentLength: Int

    public init(exponent: Double = 2, segmentLength: Int = 2048) {
        self.exponent = exponent
        self.segmentLength = segmentLength
    }

    public func separate(mixture: [[Double]], sources: [Stem]) throws -> [Stem] {
        try maskedSeparation(
            mixture: mixture, sources: sources, exponent: exponent, segmentLength: segmentLength,
            kind: "ratio mask", masks: { masks(sources: sources, channel: $0) },
            apply: { mask, bin in Complex(bin.real * mask, bin.imaginary * mask) })
    }

    /// The masks of `sources` for channel `channel`, one per source in the STFT layout
    /// (frame after frame, `SciPySTFT(segmentLength:)` bins): `|S_j|^α / (ε + Σ_k |S_k|^α)`.
    public func masks(sources: [Stem], channel: Int) -> [[Double]] {
        let transform = SciPySTFT(segmentLength: segmentLength)
        let powers = sources.map { source in
            transform.forward(source.channels[channel]).values.map { magnitudePower($0, exponent: exponent) }
        }
        guard let count = powers.first?.count else { return [] }
        var model = [Double](repeating: oracleEpsilon, count: count)
        for power in powers {
            for k in model.indices { model[k] += power[k] }
        }
        // The model sums from ε first, in source order, as the reference does.
        return powers.map { power in (0..<count).map { power[$0] / model[$0] } }
    }
}
