import DSP

/// Scores frames with fixed filters, entirely in the frequency domain.
///
/// The frame (win samples) is zero-padded to the FFT size M ≥ win + L − 1, so the
/// product of spectra is the linear convolution museval computes, and by Parseval every
/// energy Σₙ|x[n]|² is (|X₀|² + 2Σ|X_k|² + |X_{M/2}|²)/M over the rfft bins; the common
/// factor 1/M cancels in the ratios and is left out. Bins are summed with weight 2 and the
/// DC (and, for even M, Nyquist) terms taken off once at the end.
///
/// Cache blocking: the filter spectra (80 spectra of 22 401 bins for MUSDB, 29 MB; 46 MB
/// with permutations) do not fit in cache, so a batch of frames is transformed first and
/// then scored tile by tile of bins: each filter tile is read once per batch instead of
/// once per frame, and every intermediate (the projections P and P_j) lives only for one
/// tile, in L1.
///
/// One instance per thread; it owns its work spectra, so scoring allocates only the
/// per-batch sums.
final class FrameScorer {
    /// Frames transformed and scored together (see the type's comment). Fewer frames read
    /// the filters more often; more need bigger batch buffers (each frame adds 5.7 MB per
    /// core for MUSDB, faulted in before use). Between 4 and 8 the speed is flat once the
    /// buffers are faulted in ahead of use (`Benchmarks/README.md`), so 6 keeps the
    /// buffers smaller.
    static let framesPerBatch = 6
    /// Vectors (`SplitSpectra.lanes` bins each) per tile.
    static let vectorsPerTile = 32

    let frameSize: Int
    let refs: SignalSet
    let ests: SignalSet
    let batchSize: Int
    let fft: RealFFT
    let referenceSpectra: SplitSpectra // frame f, reference channel p at f·K + p
    let estimateSpectra: SplitSpectra // frame f, estimate channel k at f·Ke + k
    let projected: SplitSpectra // one tile of P per output channel
    let filtered: SplitSpectra // one tile of P_j per output channel

    /// A scorer for frames zero-padded to `frameSize` points. It needs no filters yet, so
    /// it can be made (and its buffers faulted in) while the filters are being solved.
    init(frameSize: Int, refs: SignalSet, ests: SignalSet, batchSize: Int = FrameScorer.framesPerBatch) {
        self.frameSize = frameSize
        self.refs = refs
        self.ests = ests
        self.batchSize = batchSize
        fft = RealFFT(size: frameSize)
        // Faulted in ahead of use on an idle core (`prefault`), so 4 kB pages: their cost is
        // steady, where an occasional huge-page fault could stall the frame pass.
        referenceSpectra = SplitSpectra(count: batchSize * refs.signalCount, bins: frameSize / 2 + 1, hugePages: false)
        estimateSpectra = SplitSpectra(count: batchSize * ests.signalCount, bins: frameSize / 2 + 1, hugePages: false)
        projected = SplitSpectra(count: refs.channelCount, bins: SplitSpectra.lanes * Self.vectorsPerTile)
        filtered = SplitSpectra(count: refs.channelCount, bins: SplitSpectra.lanes * Self.vectorsPerTile)
    }

    /// Touches every page of the batch buffers now (see `SplitSpectra.prefault`).
    func prefault() {
        referenceSpectra.prefault()
        estimateSpectra.prefault()
    }

    /// Scores every (reference, estimate) pair of `pairs` on each frame `(t, range)` of
    /// `frames` (at most `batchSize` of them) and writes the ratios to `sink`.
    func score(
        _ frames: [(t: Int, range: Range<Int>)], pairs: [(Int, Int)], criteria: BSSEvalOptions.Criteria,
        filters: FilterSpectra, into sink: ScoreSink
    ) {
        precondition(frames.count <= batchSize, "more frames than the batch holds")
        precondition(filters.frameSize == frameSize, "filters made for another frame size")
        let nchan = refs.channelCount, K = refs.signalCount, Ke = ests.signalCount
        let S = referenceSpectra, E = estimateSpectra, P = projected, Pj = filtered
        let estimates = Array(Set(pairs.map { $0.1 })).sorted()
        refs.withChannelPointers { r in
            for (f, frame) in frames.enumerated() {
                for p in 0..<K {
                    S.transform(
                        fft, UnsafeBufferPointer(start: r[p] + frame.range.lowerBound, count: frame.range.count),
                        into: f * K + p)
                }
            }
        }
        ests.withChannelPointers { e in
            for (f, frame) in frames.enumerated() {
                for jest in estimates {
                    for c in 0..<nchan {
                        let k = jest * nchan + c
                        E.transform(
                            fft, UnsafeBufferPointer(start: e[k] + frame.range.lowerBound, count: frame.range.count),
                            into: f * Ke + k)
                    }
                }
            }
        }
        // The pairs of each estimate, with their slot in `pairs`.
        let pairsOf = Dictionary(grouping: pairs.indices, by: { pairs[$0].1 })
        // Bins counted once (Parseval): DC, and Nyquist when M is even.
        let edgeBins = filters.frameSize % 2 == 0 ? [0, filters.bins - 1] : [0]
        var sums = [DecompositionEnergies](repeating: .zero, count: frames.count * pairs.count)
        var edges = sums
        let vectors = S.vectorCount
        let terms = UnsafeMutablePointer<(h: SplitSpectra.Row, x: SplitSpectra.Row)>.allocate(capacity: K)
        defer { terms.deallocate() }
        for tile in stride(from: 0, to: vectors, by: Self.vectorsPerTile) {
            let n = min(Self.vectorsPerTile, vectors - tile), bin = SplitSpectra.lanes * tile
            let edgesHere = edgeBins.filter { $0 >= bin && $0 < bin + SplitSpectra.lanes * n }
            for jest in estimates {
                let h = filters.projection(jest)
                for f in frames.indices {
                    // P = Σ_p C[jest][p → c] ∗ reference channel p: depends on the estimate only.
                    for c in 0..<nchan {
                        for p in 0..<K {
                            terms[p] = (h.vectors(p * nchan + c, from: bin), S.vectors(f * K + p, from: bin))
                        }
                        SplitSpectra.sumOfProducts(P.vectors(c), terms, count: K, vectors: n)
                    }
                    for slot in pairsOf[jest] ?? [] {
                        let jtrue = pairs[slot].0
                        let hj = filters.spatial(jtrue, jest)
                        let cell = f * pairs.count + slot
                        for c in 0..<nchan {
                            let own = f * K + jtrue * nchan
                            for cin in 0..<nchan {
                                terms[cin] = (hj.vectors(cin * nchan + c, from: bin), S.vectors(own + cin, from: bin))
                            }
                            SplitSpectra.sumOfProducts(Pj.vectors(c), terms, count: nchan, vectors: n)
                            let s = S.vectors(own + c, from: bin), e = E.vectors(f * Ke + jest * nchan + c, from: bin)
                            Self.accumulate(&sums[cell], s: s, e: e, p: P.vectors(c), pj: Pj.vectors(c), vectors: n)
                            for k in edgesHere {
                                Self.accumulate(
                                    &edges[cell], s: s, e: e, p: P.vectors(c), pj: Pj.vectors(c), bin: k - bin)
                            }
                        }
                    }
                }
            }
        }
        for (f, frame) in frames.enumerated() {
            for (slot, (jtrue, jest)) in pairs.enumerated() {
                let cell = f * pairs.count + slot
                let energies = sums[cell].weighted(2, minus: edges[cell])
                sink.set(energies.ratios(criteria), jtrue, jest, frame.t)
            }
        }
    }

    /// Adds the energies of the decomposition over `vectors` vectors of bins: with
    /// s = reference, ŝ = estimate, P = full projection, P_j = projection on the own
    /// reference: s, P_j − s (spatial), ŝ − s (distortion), P_j, P − P_j (interference),
    /// P, ŝ − P (artefacts), ŝ − P_j. Four lanes of partial sums, added at the end.
    @inline(__always)
    static func accumulate(
        _ out: inout DecompositionEnergies, s: SplitSpectra.Row, e: SplitSpectra.Row,
        p: SplitSpectra.Row, pj: SplitSpectra.Row, vectors n: Int
    ) {
        typealias V = SplitSpectra.Vector
        var target = V(), spatial = V(), distortion = V(), filtered = V()
        var interference = V(), projected = V(), artifacts = V(), filteredError = V()
        @inline(__always) func norm(_ re: V, _ im: V) -> V { re * re + im * im }
        for v in 0..<n {
            let sr = s.re[v], si = s.im[v], er = e.re[v], ei = e.im[v]
            let pr = p.re[v], pi = p.im[v], qr = pj.re[v], qi = pj.im[v]
            target += norm(sr, si)
            spatial += norm(qr - sr, qi - si)
            distortion += norm(er - sr, ei - si)
            filtered += norm(qr, qi)
            interference += norm(pr - qr, pi - qi)
            projected += norm(pr, pi)
            artifacts += norm(er - pr, ei - pi)
            filteredError += norm(er - qr, ei - qi)
        }
        out.target += target.sum()
        out.spatial += spatial.sum()
        out.distortion += distortion.sum()
        out.filtered += filtered.sum()
        out.interference += interference.sum()
        out.projected += projected.sum()
        out.artifacts += artifacts.sum()
        out.filteredError += filteredError.sum()
    }

    /// The same energies for the single bin `k` (an index into the rows as doubles).
    static func accumulate(
        _ out: inout DecompositionEnergies, s: SplitSpectra.Row, e: SplitSpectra.Row,
        p: SplitSpectra.Row, pj: SplitSpectra.Row, bin k: Int
    ) {
        func at(_ row: UnsafeMutablePointer<SplitSpectra.Vector>) -> Double {
            UnsafeMutableRawPointer(row).assumingMemoryBound(to: Double.self)[k]
        }
        let sr = at(s.re), si = at(s.im), er = at(e.re), ei = at(e.im)
        let pr = at(p.re), pi = at(p.im), qr = at(pj.re), qi = at(pj.im)
        func norm(_ re: Double, _ im: Double) -> Double { re * re + im * im }
        out.target += norm(sr, si)
        out.spatial += norm(qr - sr, qi - si)
        out.distortion += norm(er - sr, ei - si)
        out.filtered += norm(qr, qi)
        out.interference += norm(pr - qr, pi - qi)
        out.projected += norm(pr, pi)
        out.artifacts += norm(er - pr, ei - pi)
        out.filteredError += norm(er - qr, ei - qi)
    }
}
