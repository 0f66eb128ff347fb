import BSSEval

extension ScoringKernel {
    /// The BSSEval module's framewise BSS Eval (image criteria, no permutation search, 512-tap
    /// filters), as `museval.evaluate` calls it; the kernel may use every core for one track.
    /// The signals are read a block at a time as the kernel goes (`SignalSource`), and a
    /// derived group (the vocals/accompaniment run) shares the first group's pass
    /// (`BSSEval.DerivedEvaluation`).
    public static let bssEval = ScoringKernel(
        evaluate: { references, estimates, window, hop, mode in
            let scores = try BSSEval.evaluate(
                references: TargetGroup(targets: references), estimates: TargetGroup(targets: estimates),
                options: options(window, hop, mode))
            return Scores(scores)
        },
        evaluateDerived: { references, estimates, derived, window, hop, mode in
            let group = DerivedEvaluation(
                references: TargetGroup(targets: derived.references),
                estimates: TargetGroup(targets: derived.estimates),
                referenceTerms: derived.referenceTerms.map { $0.map { .init(source: $0.index, weight: $0.gain) } },
                sharedEstimates: derived.sharedEstimates)
            let (first, second) = try BSSEval.evaluate(
                references: TargetGroup(targets: references), estimates: TargetGroup(targets: estimates),
                derived: group, options: options(window, hop, mode))
            return (Scores(first), Scores(second))
        })

    private static func options(_ window: Int, _ hop: Int, _ mode: EvaluationMode) -> BSSEvalOptions {
        BSSEvalOptions(window: window, hop: hop, mode: mode == .v3 ? .v3 : .v4)
    }
}

extension ScoringKernel.Scores {
    init(_ scores: BSSEvalScores) {
        self.init(
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
