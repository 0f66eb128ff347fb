/// How to run BSS Eval: frame geometry, filter length, version, criteria, permutation.
///
/// The defaults are those of `museval.evaluate` at 44.1 kHz: 1 s windows and hops,
/// 512-tap distortion filters, v4 (filters once per track), image criteria, no
/// permutation search.
public struct BSSEvalOptions: Sendable, Equatable {
    /// BSS Eval version: where the distortion filters are estimated.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// Filters estimated once on the whole track (SiSEC 2018, museval's default).
        case v4
        /// Filters re-estimated inside every frame (museval's `framewise_filters=True`).
        case v3
    }

    /// Which decomposition the ratios are computed from.
    public enum Criteria: String, Sendable, Equatable, CaseIterable {
        /// `bss_eval_images`: SDR, ISR, SIR, SAR against the true source image (SiSEC).
        case images
        /// `bss_eval_sources` (museval's `bsseval_sources_version=True`): the filtered
        /// reference is the target; ISR is NaN.
        case sources
    }

    /// Which implementation computes the scores.
    public enum Algorithm: String, Sendable, Equatable, CaseIterable {
        /// Block-Toeplitz correlations, one factorisation for all estimates, per-frame
        /// energies in the frequency domain, frames in parallel.
        case fast
        /// A plain structural port of museval (dense solve per estimate, time-domain
        /// projections per frame): slow, kept as the test oracle.
        case reference
    }

    /// Frame length in samples (museval's `win`). A window at least as long as the track
    /// gives one frame covering the whole track.
    public var window: Int
    /// Hop between frame starts in samples.
    public var hop: Int
    /// Number of taps of the distortion filters (museval: 512).
    public var filterLength: Int
    public var mode: Mode
    public var criteria: Criteria
    /// Search the assignment of estimates to references that maximises the mean SIR.
    public var computePermutation: Bool
    public var algorithm: Algorithm
    /// Worker threads for the frame loop and the correlations (0: all active cores).
    public var threadCount: Int
    /// Whether the fast kernel may score v4 frames from their own correlation lags when the
    /// frames do not overlap. False forces the spectral frame scorer, so that tests can
    /// compare the two paths on the same input.
    var scoresFramesFromLags = true
    /// The most bytes of frame lags (`FrameCorrelations`: 557 kB per frame for MUSDB's
    /// 4 stereo sources) kept in memory until the filters are known; beyond it they go to a
    /// spill file, so a long track's lags take no memory that grows with its length.
    /// `nil`: 64 MB, or half the bytes of samples the caller already holds in memory
    /// (`SignalSource.residentByteCount`) when that is more, since lags are then a small
    /// share of the process and the spill file's two copies are not worth their time.
    /// Tests set 0 to take the spill path on short tracks.
    var lagMemoryLimit: Int? = nil

    /// `lagMemoryLimit` resolved for samples of which `residentBytes` are already in memory.
    func lagMemoryLimit(residentBytes: Int) -> Int {
        lagMemoryLimit ?? max(64 << 20, residentBytes / 2)
    }

    public init(
        window: Int = 44100, hop: Int = 44100, filterLength: Int = 512,
        mode: Mode = .v4, criteria: Criteria = .images,
        computePermutation: Bool = false, algorithm: Algorithm = .fast,
        threadCount: Int = 0
    ) {
        self.window = window
        self.hop = hop
        self.filterLength = filterLength
        self.mode = mode
        self.criteria = criteria
        self.computePermutation = computePermutation
        self.algorithm = algorithm
        self.threadCount = threadCount
    }

    /// museval's frame geometry for a window and hop given in seconds:
    /// `int(seconds × rate)` samples each.
    public static func seconds(window: Double = 1, hop: Double = 1, sampleRate: Int) -> BSSEvalOptions {
        BSSEvalOptions(window: Int(window * Double(sampleRate)), hop: Int(hop * Double(sampleRate)))
    }
}
