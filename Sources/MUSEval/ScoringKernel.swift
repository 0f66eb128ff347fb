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
    public var evaluate:
        @Sendable (
            _ references: [TargetSignal], _ estimates: [TargetSignal],
            _ window: Int, _ hop: Int, _ mode: EvaluationMode
        ) throws -> Scores

    public init(
        evaluate:
            @escaping @Sendable (
                _ references: [TargetSignal], _ estimates: [TargetSignal],
                _ window: Int, _ hop: Int, _ mode: EvaluationMode
            ) throws -> Scores
    ) {
        self.evaluate = evaluate
    }
}
