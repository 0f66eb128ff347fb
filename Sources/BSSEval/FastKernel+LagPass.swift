import DSP
import Synchronization

extension FastKernel {
    /// What the lag pass saw of one evaluation (a `LagView` of the pass) as the samples went by.
    struct LagObservations {
        /// Per frame: some reference or estimate source of the view is silent in it.
        var silent: [Bool]
        /// Per frame: the energy of each of the view's estimate channels.
        var energies: [[Double]]
        /// [reference, estimate][source]: the source sounds somewhere in the track.
        var sounding: [[Bool]]
        /// The view's nsdr / SI-SDR sums per source, formed in the pass; nil for a direct
        /// view, whose sums are the pass's own (`FrameCorrelations.track`).
        var sums: [GlobalMetrics.Sums]?

        /// The first reference, then estimate, that is silent over the whole track.
        var silentSource: (BSSEvalError.Role, Int)? {
            if let j = sounding[0].firstIndex(of: false) { return (.reference, j) }
            if let j = sounding[1].firstIndex(of: false) { return (.estimate, j) }
            return nil
        }
    }

    /// One pass over `samples`: every frame's lags and the whole track's (`FrameCorrelations`),
    /// and for each of `views` the frames' silence, the estimates' frame energies, whether
    /// each source sounds somewhere, and (for views that sum pass channels) the sums of the
    /// whole-track metrics, all from the windows as they are read.
    static func lagPass(
        _ samples: some SampleAccess, framing: Framing, options: BSSEvalOptions, views: [LagView]
    ) throws -> (lags: FrameCorrelations, observations: [LagObservations]) {
        let L = options.filterLength, threads = threads(options)
        let nchan = samples.channelCount
        var observations = views.map { view in
            LagObservations(
                silent: [Bool](repeating: false, count: framing.count), energies: [],
                sounding: [[Bool]](repeating: [Bool](repeating: false, count: view.sourceCount), count: 2),
                sums: view.isDirect ? nil : [])
        }
        var energies = [[Double]](repeating: [], count: framing.count)
        var covered = 0
        let segments = FrameCorrelations.segments(framing)
        let block = FrameCorrelations.transformSize(segments, filterLength: L) - 2 * L + 2
        // Per non-direct view, segment and channel: energy, error and projection lanes.
        var lanes = views.map { view in
            view.isDirect ? [] : [GlobalMetrics.Lanes](repeating: .zero, count: segments.count * view.signalCount * 3)
        }
        var laneDone = [Bool](repeating: false, count: segments.count)
        // The summed reference channels of the views over the current window, reused.
        var formed: UnsafeMutablePointer<Double>? = nil
        var formedCapacity = 0
        defer { formed?.deallocate() }
        let lags = try FrameCorrelations(
            samples: samples, framing: framing, filterLength: L, threads: threads,
            memoryLimit: options.lagMemoryLimit(residentBytes: samples.residentByteCount)
        ) { w in
            let fresh = (0..<framing.count).filter { energies[$0].isEmpty && w.contains(framing.range($0)) }
            for t in fresh {
                let range = framing.range(t)
                energies[t] = w.estimates.map {
                    LagScorer.dot($0 + range.lowerBound - w.start, $0 + range.lowerBound - w.start, range.count)
                }
            }
            let inside = segments.indices.filter { !laneDone[$0] && w.contains(segments[$0].range) }
            for (v, view) in views.enumerated() {
                // The view's channels over the window: pass channels, or sums formed here.
                let summed = view.summedReferences
                if summed.count * w.count > formedCapacity {
                    formed?.deallocate()
                    formedCapacity = summed.count * w.count
                    formed = .allocate(capacity: formedCapacity)
                }
                var slot = 0
                let references: [UnsafePointer<Double>] = view.references.indices.map { k in
                    guard summed.contains(k), let formed else { return w.references[view.references[k][0].channel] }
                    let out = formed + slot * w.count
                    slot += 1
                    view.formReference(k, from: w.references, offset: 0, count: w.count, into: out)
                    return UnsafePointer(out)
                }
                let estimates = view.estimates.map { w.estimates[$0] }
                for t in fresh {
                    let range = framing.range(t)
                    let from = range.lowerBound - w.start
                    observations[v].silent[t] = (0..<view.sourceCount).contains { j in
                        SignalSet.sumIsZero(references[j * nchan..<(j + 1) * nchan], from: from, count: range.count)
                            || SignalSet.sumIsZero(
                                estimates[j * nchan..<(j + 1) * nchan], from: from, count: range.count)
                    }
                }
                let from = max(covered, w.start)
                for (side, channels) in [references, estimates].enumerated() where from < w.end {
                    for j in 0..<view.sourceCount where !observations[v].sounding[side][j] {
                        observations[v].sounding[side][j] = !SignalSet.sumIsZero(
                            channels[j * nchan..<(j + 1) * nchan], from: from - w.start, count: w.end - from)
                    }
                }
                if !view.isDirect {
                    // Block by block, as `SegmentCorrelator` gathers the pass's own sums: the
                    // same bits as scoring the view's signals on their own.
                    for i in inside {
                        let range = segments[i].range
                        for k in 0..<view.signalCount {
                            let base = (i * view.signalCount + k) * 3
                            var (energy, error, projection) = (lanes[v][base], lanes[v][base + 1], lanes[v][base + 2])
                            for s0 in stride(from: range.lowerBound, to: range.upperBound, by: block) {
                                let s1 = min(s0 + block, range.upperBound)
                                GlobalMetrics.accumulate(
                                    references[k] + s0 - w.start, estimates[k] + s0 - w.start, count: s1 - s0,
                                    energy: &energy, error: &error, projection: &projection)
                            }
                            (lanes[v][base], lanes[v][base + 1], lanes[v][base + 2]) = (energy, error, projection)
                        }
                    }
                }
            }
            for i in inside { laneDone[i] = true }
            covered = max(covered, w.end)
        }
        for (v, view) in views.enumerated() {
            observations[v].energies = energies.map { e in e.isEmpty ? [] : view.estimates.map { e[$0] } }
            guard !view.isDirect else { continue }
            observations[v].sums = (0..<view.sourceCount).map { j in
                var sums = GlobalMetrics.Sums()
                for c in 0..<nchan {
                    let k = j * nchan + c
                    for i in segments.indices {
                        let l = (i * view.signalCount + k) * 3
                        sums.energy += lanes[v][l].sum()
                        sums.error += lanes[v][l + 1].sum()
                        sums.projection += lanes[v][l + 2].sum()
                    }
                }
                return sums
            }
        }
        Trace.mark("frame correlations (\(framing.count) frames\(lags.isSpilled ? ", lags in a spill file" : ""))")
        return (lags, observations)
    }

    /// The pair scores of one view of a lag pass: its filters solved from the whole-track
    /// lags, each frame that is not silent scored from its own lags (`LagScorer`), and the
    /// frames the lags cannot score accurately (near-perfect estimates, ill-conditioned
    /// filters) read again from `samples` (the view's own signals) and scored spectrally.
    static func scoreFromLags(
        _ lags: FrameCorrelations, view: LagView, observations: LagObservations, rereading samples: some SampleAccess,
        framing: Framing, options: BSSEvalOptions, pairs: [(Int, Int)],
        alongside sideWork: (([GlobalMetrics.Sums]) -> Void)?
    ) throws -> PairScores {
        let L = options.filterLength, threads = threads(options)
        let nsrc = view.sourceCount, nchan = view.channelCount, n = samples.length
        var scores = PairScores(sourceCount: nsrc, frameCount: framing.count)
        let frames = (0..<framing.count).filter { !observations.silent[$0] }.map { (t: $0, range: framing.range($0)) }
        let frameSize = RealFFT.fastSize(atLeast: framing.frameLength + L - 1)
        let track =
            view.isIdentity
            ? lags.track
            : view.derive(
                track: lags.track, sums: observations.sums ?? Array(lags.track.trackSums.prefix(nsrc)))
        let filters = try FilterSpectra(
            sourceCount: nsrc, channelCount: nchan, filterLength: L, pairs: pairs,
            frameSize: frameSize, threads: threads, correlations: track,
            exactCorrelations: {
                let whole = try samples.frames([0..<n])
                return ReferenceCorrelations(
                    references: whole.references, estimates: whole.estimates, range: 0..<n,
                    filterLength: L, threads: threads)
            },
            withSpectra: false, alongside: sideWork)
        let K = view.signalCount
        let scorer = LagScorer(filters: filters, pairs: pairs, references: K, estimates: K, filterLength: L)
        Trace.mark("filter correlations")
        var spectral = [Bool](repeating: false, count: frames.count)
        let layout = scores.layout
        try scores.values.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            let sink = ScoreSink(values: base, layout: layout)
            spectral.withUnsafeMutableBufferPointer { refused in
                let refused = refused
                let next = Atomic<Int>(0)
                let workers = max(1, min(threads, frames.count))
                parallelFor(workers, threads: workers) { _ in
                    // One frame's lags at a time: read back from the spill file when there is
                    // one, and put in the view's layout unless the view is the pass itself.
                    let buffer =
                        lags.isSpilled ? UnsafeMutablePointer<Double>.allocate(capacity: lags.segmentStride) : nil
                    let derived =
                        view.isIdentity ? nil : UnsafeMutablePointer<Double>.allocate(capacity: view.segmentStride)
                    defer {
                        buffer?.deallocate()
                        derived?.deallocate()
                    }
                    while true {
                        let i = next.add(1, ordering: .relaxed).oldValue
                        guard i < frames.count else { break }
                        let t = frames[i].t
                        // A spill file that cannot be read back (an I/O error): the spectral scorer
                        // scores the frame instead, to the same figures within 1e-7 dB.
                        guard let passLags = lags.lags(frame: t, buffer: buffer) else {
                            refused[i] = true
                            continue
                        }
                        var frameLags = passLags
                        if let derived {
                            view.derive(segment: passLags, into: derived)
                            frameLags = UnsafePointer(derived)
                        }
                        let scored = scorer.score(lags: frameLags, estimateEnergies: observations.energies[t])
                        if scored.contains(where: { $0 == nil }) {
                            refused[i] = true
                            continue
                        }
                        for (slot, (jtrue, jest)) in pairs.enumerated() {
                            if let energies = scored[slot] {
                                sink.set(energies.ratios(options.criteria), jtrue, jest, t)
                            }
                        }
                    }
                }
            }
            let rest = frames.indices.filter { spectral[$0] }.map { frames[$0] }
            framesScoredFromLags.add(frames.count - rest.count, ordering: .relaxed)
            Trace.mark("\(frames.count - rest.count) frames from their lags")
            guard !rest.isEmpty else { return }
            // The refused frames' samples, read again (in memory: the arrays themselves).
            let again = try samples.frames(rest.map(\.range))
            scoreSpectrally(
                zip(rest, again.ranges).map { (t: $0.t, range: $1) }, references: again.references,
                estimates: again.estimates, options: options, pairs: pairs, frameSize: frameSize, threads: threads,
                sink: sink, filters: filters)
        }
        return scores
    }
}
