/// The framewise BSS Eval computation a track evaluation calls, as a value, so the batch
/// logic can be tested with a fast stand-in and the real kernel is plugged in by default
/// (`ScoringKernel.bssEval`).
public struct ScoringKernel: Sendable {
    /// Framewise image criteria, `[source][frame]` each.
    public struct Scores: Sendable, Equatable {
        public var sdr: [[Double]]
        public var isr: [[Double]]
        public var sir: [[Double]]
        public var sar: [[Double]]
        /// Whole-track global SDR (ε = 1e-7) and SI-SDR per source; empty when not computed.
        public var globalSDR: [Double]
        public var siSDR: [Double]

        public init(
            sdr: [[Double]], isr: [[Double]], sir: [[Double]], sar: [[Double]], globalSDR: [Double] = [],
            siSDR: [Double] = []
        ) {
            self.sdr = sdr
            self.isr = isr
            self.sir = sir
            self.sar = sar
            self.globalSDR = globalSDR
            self.siSDR = siSDR
        }
    }

    /// Scores `estimates` against `references` (one `TargetSignal` per source, estimates
    /// shaped like their references), with windows and hops in samples. A fault met while a
    /// signal is read is thrown as the signal's `TrackEvaluationError`.
    public var evaluate: Evaluate

    public typealias Evaluate =
        @Sendable (
            _ references: [TargetSignal], _ estimates: [TargetSignal], _ window: Int, _ hop: Int,
            _ mode: EvaluationMode
        ) throws -> Scores

    /// A second group scored with a first one from the same pass over the samples
    /// (museval's vocals/accompaniment run next to the four-source run): each of its
    /// references sums references of the first group, each of its estimates is one of the
    /// first group's or its own.
    public struct DerivedGroup: Sendable {
        /// The group's signals in full (read again only for what the kernel revisits).
        public var references: [TargetSignal]
        public var estimates: [TargetSignal]
        /// For each reference: the first group's references it sums, with their gains, in
        /// the order they are added.
        public var referenceTerms: [[(index: Int, gain: Double)]]
        /// For each estimate: the first group's estimate it is, or nil.
        public var sharedEstimates: [Int?]

        public init(
            references: [TargetSignal], estimates: [TargetSignal], referenceTerms: [[(index: Int, gain: Double)]],
            sharedEstimates: [Int?]
        ) {
            self.references = references
            self.estimates = estimates
            self.referenceTerms = referenceTerms
            self.sharedEstimates = sharedEstimates
        }
    }

    /// Scores a first group and a derived one together; nil when the kernel has no shared
    /// pass (the two groups are then scored one after the other with `evaluate`). A silent
    /// source of the derived group is reported after the first group's: index
    /// `references.count + j`.
    public var evaluateDerived: EvaluateDerived?

    public typealias EvaluateDerived =
        @Sendable (
            _ references: [TargetSignal], _ estimates: [TargetSignal], _ derived: DerivedGroup, _ window: Int,
            _ hop: Int, _ mode: EvaluationMode
        ) throws -> (first: Scores, derived: Scores)

    public init(evaluate: @escaping Evaluate, evaluateDerived: EvaluateDerived? = nil) {
        self.evaluate = evaluate
        self.evaluateDerived = evaluateDerived
    }
}
