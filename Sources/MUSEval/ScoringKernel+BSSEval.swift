import BSSEval

extension ScoringKernel {
    /// The BSSEval module's framewise BSS Eval (image criteria, no permutation search, 512-tap
    /// filters), as `museval.evaluate` calls it; the kernel may use every core for one track.
    /// The signals are read a block at a time as the kernel goes (`SignalSource`).
    public static let bssEval = ScoringKernel { references, estimates, window, hop, mode in
        let options = BSSEvalOptions(window: window, hop: hop, mode: mode == .v3 ? .v3 : .v4)
        let scores = try BSSEval.evaluate(
            references: TargetGroup(targets: references), estimates: TargetGroup(targets: estimates), options: options)
        return Scores(
            sdr: scores.sdr, isr: scores.isr, sir: scores.sir, sar: scores.sar, globalSDR: scores.nsdr,
            siSDR: scores.siSDR)
    }
}

/// Targets scored together, as the kernel reads them: source `j` is `targets[j]`.
struct TargetGroup: SignalSource {
    let targets: [TargetSignal]

    var sourceCount: Int { targets.count }
    var channelCount: Int { targets.first?.channelCount ?? 0 }
    var length: Int { targets.first?.frameCount ?? 0 }

    func read(source: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        try targets[source].read(range, into: channels)
    }
}
