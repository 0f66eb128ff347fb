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
        try requireSound(refs, ests)
        return evaluate(refs, ests, options: options)
    }

    /// Scores `estimates` against `references` read a block at a time (see `SignalSource`),
    /// so a track is never held whole in memory: the same scores as
    /// `evaluate(references:estimates:options:)` on the same samples, bit for bit.
    ///
    /// In the default v4 case (frames that do not overlap), one pass over the samples gives
    /// every frame's lags and the whole track's (`FrameCorrelations`); only frames the lag
    /// scorer refuses, an ill-conditioned Gram matrix (the whole track then) and a pure-gain
    /// SI-SDR residual are read again. Other settings (v3, overlapping frames, the reference
    /// algorithm) read the whole track into memory first.
    ///
    /// - Throws: `BSSEvalError` for options, shapes or a silent source (found as the samples
    ///   go by); any error of a source's `read`, unchanged.
    public static func evaluate(
        references: some SignalSource, estimates: some SignalSource, options: BSSEvalOptions = BSSEvalOptions()
    ) throws -> BSSEvalScores {
        guard options.window > 0, options.hop > 0, options.filterLength > 0 else {
            throw BSSEvalError.invalidOptions(
                "window (\(options.window)), hop (\(options.hop)) and filter length (\(options.filterLength)) must be positive"
            )
        }
        guard references.sourceCount > 0, references.channelCount > 0, references.length > 0 else {
            throw BSSEvalError.empty(.reference)
        }
        guard estimates.sourceCount > 0, estimates.channelCount > 0 else { throw BSSEvalError.empty(.estimate) }
        guard references.sourceCount == estimates.sourceCount, references.channelCount == estimates.channelCount else {
            throw BSSEvalError.shapeMismatch(
                references: (references.sourceCount, references.channelCount),
                estimates: (estimates.sourceCount, estimates.channelCount))
        }
        let framing = Framing(window: options.window, hop: options.hop, length: references.length)
        let threads = FastKernel.threads(options)
        // Windows of about two frames per core: the cores share the segments of a window.
        let samples = StreamedSamples(
            references: references, estimates: estimates,
            preferredWindow: max(1, 2 * threads) * max(options.window, options.hop), threads: threads)
        Trace.mark("inputs")
        guard options.algorithm == .fast, FastKernel.scoresFromLags(framing, options: options) else {
            let whole = try samples.frames([0..<references.length])
            try requireSound(whole.references, whole.estimates)
            return evaluate(whole.references, whole.estimates, options: options)
        }
        let pairs = pairs(options, sources: references.sourceCount)
        var global: ([Double], [Double])?
        var globalFailure: Error?
        let (pairScores, silent) = try FastKernel.lagPairScores(
            samples, framing: framing, options: options, pairs: pairs,
            alongside: { sums in
                do {
                    global = try GlobalMetrics.compute(samples, sums: sums, threads: threads)
                } catch {
                    globalFailure = error
                }
            })
        if let (role, j) = silent { throw BSSEvalError.silentSource(role, index: j) }
        if let globalFailure { throw globalFailure }
        return try scores(
            pairScores, global: global ?? GlobalMetrics.compute(samples, sums: nil, threads: threads), framing, options)
    }

    /// museval's `validate`: every source must sound somewhere.
    static func requireSound(_ refs: SignalSet, _ ests: SignalSet) throws {
        for j in 0..<refs.sourceCount where refs.isSilent(source: j, in: 0..<refs.length) {
            throw BSSEvalError.silentSource(.reference, index: j)
        }
        for j in 0..<ests.sourceCount where ests.isSilent(source: j, in: 0..<ests.length) {
            throw BSSEvalError.silentSource(.estimate, index: j)
        }
    }

    /// The (reference, estimate) pairs to score: all of them for the permutation search.
    static func pairs(_ options: BSSEvalOptions, sources nsrc: Int) -> [(Int, Int)] {
        options.computePermutation
            ? (0..<nsrc).flatMap { j in (0..<nsrc).map { (j, $0) } }
            : (0..<nsrc).map { ($0, $0) }
    }

    static func evaluate(_ refs: SignalSet, _ ests: SignalSet, options: BSSEvalOptions) -> BSSEvalScores {
        let pairs = pairs(options, sources: refs.sourceCount)
        let pairScores: PairScores
        var global: ([Double], [Double])? // (nsdr, SI-SDR), computed alongside the solves when possible
        switch options.algorithm {
        case .reference:
            pairScores = ReferenceKernel.pairScores(references: refs, estimates: ests, options: options, pairs: pairs)
        case .fast:
            pairScores = FastKernel.pairScores(
                references: refs, estimates: ests, options: options, pairs: pairs,
                alongside: {
                    global = GlobalMetrics.compute(
                        refs, ests, sums: $0.count == refs.sourceCount ? $0 : nil, threads: FastKernel.threads(options))
                }
            )
        }
        let framing = Framing(window: options.window, hop: options.hop, length: refs.length)
        return scores(
            pairScores, global: global ?? GlobalMetrics.compute(refs, ests, threads: FastKernel.threads(options)),
            framing, options)
    }

    /// The scores of the chosen permutation, with the whole-track figures.
    static func scores(
        _ pairScores: PairScores, global: ([Double], [Double]), _ framing: Framing, _ options: BSSEvalOptions
    ) -> BSSEvalScores {
        let nsrc = pairScores.sourceCount
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
        (scores.nsdr, scores.siSDR) = global
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
