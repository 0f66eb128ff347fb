import BSSEval

extension ScoringKernel {
    /// The BSSEval module's framewise BSS Eval (image criteria, no permutation search, 512-tap
    /// filters), as `museval.evaluate` calls it; the kernel may use every core for one track.
    public static let bssEval = ScoringKernel { references, estimates, window, hop, mode in
        let options = BSSEvalOptions(window: window, hop: hop, mode: mode == .v3 ? .v3 : .v4)
        let scores = try BSSEval.evaluate(references: references, estimates: estimates, options: options)
        return Scores(
            sdr: scores.sdr, isr: scores.isr, sir: scores.sir, sar: scores.sar, globalSDR: scores.nsdr,
            siSDR: scores.siSDR)
    }
}
