/// Scores of one BSS Eval run: per-frame ratios in dB plus whole-track figures.
///
/// Frame-wise arrays are indexed `[reference source][frame]`. A frame in which any
/// reference or any estimate is silent holds NaN for every metric of every source (as in
/// museval); a zero error energy gives `+infinity`.
public struct BSSEvalScores: Sendable, Equatable {
    /// Source to distortion ratio.
    public var sdr: [[Double]]
    /// Source image to spatial distortion ratio (NaN with `.sources` criteria).
    public var isr: [[Double]]
    /// Source to interference ratio.
    public var sir: [[Double]]
    /// Source to artefacts ratio.
    public var sar: [[Double]]
    /// `permutation[t][j]` is the estimate matched with reference `j`: one row for v4 (the
    /// whole track), one row per frame for v3; the identity without permutation search.
    public var permutation: [[Int]]
    /// First sample of each frame (frame `t` covers `frameStarts[t] ..< frameStarts[t] + frameLength`).
    public var frameStarts: [Int]
    /// Samples per frame (the window, or the track length when it is shorter).
    public var frameLength: Int
    /// Music Demixing Challenge global SDR per reference source against the estimate of
    /// the same index: 10·log10((Σ s² + 1e-7) / (Σ (s − ŝ)² + 1e-7)) over all samples and channels.
    public var nsdr: [Double]
    /// Scale-invariant SDR per reference source against the estimate of the same index
    /// (Le Roux et al. 2019), channels concatenated: with α = ⟨ŝ, s⟩ / ‖s‖²,
    /// SI-SDR = 10·log10(‖α s‖² / ‖α s − ŝ‖²); no epsilon, +∞ for a perfect estimate.
    public var siSDR: [Double]

    /// Number of frames scored.
    public var frameCount: Int { frameStarts.count }
}
