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
        try requireShapes(references, estimates, options)
        let framing = Framing(window: options.window, hop: options.hop, length: references.length)
        let samples = streamed(references, estimates, options)
        Trace.mark("inputs")
        guard options.algorithm == .fast, FastKernel.scoresFromLags(framing, options: options) else {
            let whole = try samples.frames([0..<references.length])
            try requireSound(whole.references, whole.estimates)
            return evaluate(whole.references, whole.estimates, options: options)
        }
        let view = LagView.identity(
            sourceCount: references.sourceCount, channelCount: references.channelCount,
            filterLength: options.filterLength)
        let (lags, observations) = try FastKernel.lagPass(samples, framing: framing, options: options, views: [view])
        if let (role, j) = observations[0].silentSource { throw BSSEvalError.silentSource(role, index: j) }
        return try scores(lags, view: view, observations[0], rereading: samples, framing: framing, options: options)
    }

    /// Scores `estimates` against `references`, and `derived` (the vocals/accompaniment run
    /// next to the four-source run), from one pass over the samples: the derived lags are
    /// sums of the first evaluation's (`DerivedEvaluation`), so only the derived
    /// evaluation's own estimates add to the pass. The first scores are bit for bit those
    /// of `evaluate(references:estimates:options:)`; the derived ones differ from scoring
    /// `derived` alone by the rounding of a sum of lags against the lags of a sum, within
    /// `LagScorer`'s bound (about 1e-7 dB on music, more only at the rounding floor), and
    /// its whole-track figures not at all. Settings that do not score frames from
    /// their lags run the two evaluations one after the other.
    ///
    /// - Throws: as `evaluate(references:estimates:options:)`; a silent derived source `j`
    ///   is `BSSEvalError.silentSource(role, index: references.sourceCount + j)`, and
    ///   derived weights or estimates that do not fit the first evaluation are
    ///   `.invalidOptions`.
    public static func evaluate<DerivedReferences: SignalSource, DerivedEstimates: SignalSource>(
        references: some SignalSource, estimates: some SignalSource,
        derived: DerivedEvaluation<DerivedReferences, DerivedEstimates>, options: BSSEvalOptions = BSSEvalOptions()
    ) throws -> (first: BSSEvalScores, derived: BSSEvalScores) {
        try requireShapes(references, estimates, options)
        try requireShapes(derived.references, derived.estimates, options)
        let nsrc = references.sourceCount, dsrc = derived.references.sourceCount
        guard derived.references.channelCount == references.channelCount,
            derived.references.length == references.length,
            derived.referenceTerms.count == dsrc,
            derived.referenceTerms.allSatisfy({ terms in
                !terms.isEmpty && terms.allSatisfy { (0..<nsrc).contains($0.source) && $0.weight.isFinite }
            }),
            derived.sharedEstimates.count == dsrc,
            derived.sharedEstimates.allSatisfy({ $0.map { (0..<nsrc).contains($0) } ?? true })
        else {
            throw BSSEvalError.invalidOptions(
                "a derived evaluation needs, for each of its references, one or more first references with finite "
                    + "weights, for each of its estimates a first estimate or none, and the first references' channels "
                    + "and length")
        }
        /// A silent derived source, numbered after the first evaluation's.
        func derivedSilence<T>(_ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch BSSEvalError.silentSource(let role, let j) {
                throw BSSEvalError.silentSource(role, index: nsrc + j)
            }
        }
        let framing = Framing(window: options.window, hop: options.hop, length: references.length)
        guard options.algorithm == .fast, FastKernel.scoresFromLags(framing, options: options) else {
            let first = try evaluate(references: references, estimates: estimates, options: options)
            return (
                first,
                try derivedSilence {
                    try evaluate(references: derived.references, estimates: derived.estimates, options: options)
                }
            )
        }
        let own = derived.sharedEstimates.indices.filter { derived.sharedEstimates[$0] == nil }
        let pass = streamed(references, EstimateUnion(first: estimates, second: derived.estimates, own: own), options)
        Trace.mark("inputs")
        let nchan = references.channelCount, L = options.filterLength
        let views = [
            LagView.identity(
                sourceCount: nsrc, channelCount: nchan, filterLength: L, passEstimateSources: nsrc + own.count),
            LagView(
                sourceCount: dsrc, channelCount: nchan, filterLength: L,
                referenceTerms: derived.referenceTerms.map { $0.map { (source: $0.source, weight: $0.weight) } },
                estimateSources: derived.sharedEstimates.enumerated().map { j, shared in
                    shared ?? nsrc + own.firstIndex(of: j)!
                },
                passSources: nsrc, passEstimateSources: nsrc + own.count)
        ]
        let (lags, observations) = try FastKernel.lagPass(pass, framing: framing, options: options, views: views)
        if let (role, j) = observations[0].silentSource { throw BSSEvalError.silentSource(role, index: j) }
        if let (role, j) = observations[1].silentSource { throw BSSEvalError.silentSource(role, index: nsrc + j) }
        let first = try scores(
            lags, view: views[0], observations[0], rereading: streamed(references, estimates, options),
            framing: framing, options: options)
        let second = try scores(
            lags, view: views[1], observations[1], rereading: streamed(derived.references, derived.estimates, options),
            framing: framing, options: options)
        return (first, second)
    }

    /// The checks of options and shapes every streamed evaluation makes first.
    static func requireShapes(
        _ references: some SignalSource, _ estimates: some SignalSource, _ options: BSSEvalOptions
    ) throws {
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
    }

    /// `references` and `estimates` read a window at a time, windows of about two frames
    /// per core (the cores share the segments of a window).
    static func streamed<R: SignalSource, E: SignalSource>(
        _ references: R, _ estimates: E, _ options: BSSEvalOptions
    ) -> StreamedSamples<R, E> {
        let threads = FastKernel.threads(options)
        return StreamedSamples(
            references: references, estimates: estimates,
            preferredWindow: max(1, 2 * threads) * max(options.window, options.hop), threads: threads)
    }

    /// One view of a lag pass scored (`FastKernel.scoreFromLags`), with the whole-track
    /// figures computed alongside the filter solves.
    static func scores(
        _ lags: FrameCorrelations, view: LagView, _ observations: FastKernel.LagObservations,
        rereading samples: some SampleAccess, framing: Framing, options: BSSEvalOptions
    ) throws -> BSSEvalScores {
        let threads = FastKernel.threads(options)
        var global: ([Double], [Double])?
        var globalFailure: Error?
        let pairScores = try FastKernel.scoreFromLags(
            lags, view: view, observations: observations, rereading: samples, framing: framing, options: options,
            pairs: pairs(options, sources: view.sourceCount),
            alongside: { sums in
                do {
                    global = try GlobalMetrics.compute(samples, sums: sums, threads: threads)
                } catch {
                    globalFailure = error
                }
            })
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
