/// BSS Eval v4 (and v3) as museval 0.4.1 computes it: arrays in, scores out.
public enum BSSEval {
    /// Scores `estimates` against `references`, both indexed `[source][channel][sample]`.
    ///
    /// Estimates are zero-padded or truncated to the reference length first (museval's
    /// `pad_or_truncate`). Every reference and every estimate must be non-silent over the
    /// whole track (museval's `validate`), otherwise `BSSEvalError.silentSource` names it.
    ///
    /// Permutation search differs from museval in one documented way: museval averages
    /// SIR over all frames *including* NaN (silent) ones, so a single silent frame makes
    /// every candidate's mean NaN and it returns the identity whatever the estimates. We
    /// skip NaN frames, so the result equals museval's whenever no frame is NaN.
    public static func evaluate(
        references: [[[Double]]], estimates: [[[Double]]],
        options: BSSEvalOptions = BSSEvalOptions()
    ) throws -> BSSEvalScores {
        guard options.window > 0, options.hop > 0, options.filterLength > 0 else {
            throw BSSEvalError.invalidOptions(
                "window (\(options.window)), hop (\(options.hop)) and filter length (\(options.filterLength)) must be positive"
            )
        }
        let refs = try SignalSet(references, role: .reference)
        let ests = try SignalSet(estimates, role: .estimate, length: refs.length)
        guard refs.sourceCount == ests.sourceCount, refs.channelCount == ests.channelCount else {
            throw BSSEvalError.shapeMismatch(
                references: (refs.sourceCount, refs.channelCount),
                estimates: (ests.sourceCount, ests.channelCount))
        }
        Trace.mark("inputs")
        for j in 0..<refs.sourceCount where refs.isSilent(source: j, in: 0..<refs.length) {
            throw BSSEvalError.silentSource(.reference, index: j)
        }
        for j in 0..<ests.sourceCount where ests.isSilent(source: j, in: 0..<ests.length) {
            throw BSSEvalError.silentSource(.estimate, index: j)
        }
        return evaluate(refs, ests, options: options)
    }

    static func evaluate(_ refs: SignalSet, _ ests: SignalSet, options: BSSEvalOptions) -> BSSEvalScores {
        let nsrc = refs.sourceCount
        let pairs: [(Int, Int)] =
            options.computePermutation
            ? (0..<nsrc).flatMap { j in (0..<nsrc).map { (j, $0) } }
            : (0..<nsrc).map { ($0, $0) }
        let pairScores: PairScores
        var global: ([Double], [Double])? // (nsdr, SI-SDR), computed alongside the solves when possible
        switch options.algorithm {
        case .reference:
            pairScores = ReferenceKernel.pairScores(references: refs, estimates: ests, options: options, pairs: pairs)
        case .fast:
            pairScores = FastKernel.pairScores(
                references: refs, estimates: ests, options: options, pairs: pairs,
                alongside: { global = GlobalMetrics.compute(refs, ests, sums: $0.count == refs.sourceCount ? $0 : nil) }
            )
        }
        let framing = Framing(window: options.window, hop: options.hop, length: refs.length)
        let permutation = choosePermutation(pairScores, options: options)
        var scores = BSSEvalScores(
            sdr: [], isr: [], sir: [], sar: [], permutation: permutation,
            frameStarts: framing.starts, frameLength: framing.frameLength,
            nsdr: [], siSDR: [])
        var metrics = [[[Double]]](
            repeating: [[Double]](
                repeating: [Double](repeating: .nan, count: framing.count),
                count: nsrc), count: 4)
        for m in PairScores.Metric.allCases {
            for j in 0..<nsrc {
                for t in 0..<framing.count {
                    let row = permutation.count == 1 ? permutation[0] : permutation[t]
                    metrics[m.rawValue][j][t] = pairScores[m, j, row[j], t]
                }
            }
        }
        scores.sdr = metrics[0]
        scores.isr = metrics[1]
        scores.sir = metrics[2]
        scores.sar = metrics[3]
        (scores.nsdr, scores.siSDR) = global ?? GlobalMetrics.compute(refs, ests)
        Trace.mark("permutation, global SDR and SI-SDR")
        return scores
    }

    /// museval's choice of estimate for each reference: the permutation with the largest
    /// mean SIR (over the whole track for v4, per frame for v3), found by linear
    /// assignment; NaN frames are skipped (see `evaluate`).
    static func choosePermutation(_ s: PairScores, options: BSSEvalOptions) -> [[Int]] {
        let nsrc = s.sourceCount
        let identity = Array(0..<nsrc)
        guard options.computePermutation else {
            return options.mode == .v4 ? [identity] : Array(repeating: identity, count: s.frameCount)
        }
        func weights(_ frames: Range<Int>) -> [[Double]]? {
            var w = [[Double]](repeating: [Double](repeating: 0, count: nsrc), count: nsrc)
            var any = false
            for t in frames where !s[.sir, 0, 0, t].isNaN {
                any = true
                for j in 0..<nsrc { for e in 0..<nsrc { w[j][e] += s[.sir, j, e, t] } }
            }
            return any ? w : nil
        }
        switch options.mode {
        case .v4:
            return [weights(0..<s.frameCount).map(LinearAssignment.maximize) ?? identity]
        case .v3:
            return (0..<s.frameCount).map { t in weights(t..<t + 1).map(LinearAssignment.maximize) ?? identity }
        }
    }
}
