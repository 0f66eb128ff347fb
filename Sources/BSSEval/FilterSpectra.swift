import DSP
import Dispatch

/// The distortion filters of one filter range (the whole track for v4, a frame for v3),
/// solved once for every estimate and transformed once to the frame FFT size.
///
/// `projection(jest)` holds, for estimate `jest`, the spectra of the taps from reference
/// channel p to output channel c at index p·nchan + c (museval's `C[jest]`);
/// `spatial(jtrue, jest)` the taps from channel cin of reference `jtrue` to output channel c
/// at index cin·nchan + c (museval's `Cj[jtrue, jest]`).
final class FilterSpectra {
    let sourceCount: Int
    let channelCount: Int
    let frameSize: Int
    let bins: Int
    private(set) var filterLength = 0
    private var projections: [Int: SplitSpectra] = [:]
    private var spatials: [Int: SplitSpectra] = [:]

    /// The filters themselves (L taps each): for estimate `jest`, output channel c and
    /// reference channel p at `(c·K + p)·L` (`projectionTaps`); for the pair (jtrue, jest),
    /// output channel c and input channel cin at `(c·nchan + cin)·L` (`spatialTaps`).
    private(set) var projectionTaps: [Int: [Double]] = [:]
    private(set) var spatialTaps: [Int: [Double]] = [:]

    func projection(_ jest: Int) -> SplitSpectra { projections[jest]! }
    func spatial(_ jtrue: Int, _ jest: Int) -> SplitSpectra { spatials[jtrue * sourceCount + jest]! }

    /// The filters of `range` of `refs` against `ests`, from the correlations of that range.
    convenience init(
        references refs: SignalSet, estimates ests: SignalSet, range: Range<Int>, filterLength L: Int,
        pairs: [(Int, Int)], frameSize: Int, threads: Int,
        alongside sideWork: (([GlobalMetrics.Sums]) -> Void)? = nil
    ) {
        let correlations = ReferenceCorrelations(
            references: refs, estimates: ests, range: range, filterLength: L, threads: threads)
        Trace.mark("correlations")
        self.init(
            sourceCount: refs.sourceCount, channelCount: refs.channelCount, filterLength: L, pairs: pairs,
            frameSize: frameSize, threads: threads, correlations: correlations, exactCorrelations: { nil },
            alongside: sideWork)
    }

    /// The filters solved from `correlations`. When G proves ill-conditioned and
    /// `exactCorrelations` gives correlations (the whole-track pass), the filters are solved
    /// again from those. `sideWork`, when given, runs alongside the solves (see below) with
    /// the nsdr / SI-SDR sums gathered by the correlation pass.
    init(
        sourceCount nsrc: Int, channelCount nchan: Int, filterLength L: Int,
        pairs: [(Int, Int)], frameSize: Int, threads: Int,
        correlations given: ReferenceCorrelations,
        exactCorrelations: () throws -> ReferenceCorrelations? = { nil },
        withSpectra: Bool = true,
        alongside sideWork: (([GlobalMetrics.Sums]) -> Void)? = nil
    ) rethrows {
        let K = nsrc * nchan
        sourceCount = nsrc
        channelCount = nchan
        self.frameSize = frameSize
        bins = frameSize / 2 + 1
        var correlations = given
        let estimates = Array(Set(pairs.map { $0.1 })).sorted()
        let column = Dictionary(uniqueKeysWithValues: estimates.enumerated().map { ($1, $0) })
        let n = K * L, rhs = estimates.count * nchan
        var d: [Double] = []
        let m = nchan * L
        var solvedSpatial: [Int: [Double]] = [:] // jtrue → m × (estimates of jtrue)·nchan
        var spatialColumns: [Int: [Int: Int]] = [:]
        // Solves every filter from `correlations`; true when every solve kept its block
        // Levinson solution (G well-conditioned).
        func solveAll(_ correlations: ReferenceCorrelations, sideWork: (([GlobalMetrics.Sums]) -> Void)?) -> Bool {
            // D: row p·L + k, column (estimate slot)·nchan + c.
            d = [Double](repeating: 0, count: n * rhs)
            for (slot, jest) in estimates.enumerated() {
                for c in 0..<nchan {
                    for p in 0..<K {
                        for k in 0..<L {
                            d[(slot * nchan + c) * n + p * L + k] = correlations.cross(p, jest * nchan + c, k)
                        }
                    }
                }
            }
            // The spatial (Cj) and projection (C) solves are independent and mostly serial
            // (block Levinson on one BLAS thread): they run side by side, and `sideWork` (the
            // whole-track metrics, a memory-bound pass) takes the core that frees up first.
            let unsolved = d
            var spatialKept = true
            // Cj: one factorisation of G_jj + eps·I per reference source, all its estimates at once.
            let solveSpatial: () -> Void = {
                for jtrue in Set(pairs.map { $0.0 }).sorted() {
                    let mine = pairs.filter { $0.0 == jtrue }.map { $0.1 }
                    var b = [Double](repeating: 0, count: m * mine.count * nchan)
                    for (slot, jest) in mine.enumerated() {
                        for c in 0..<nchan {
                            let src = (column[jest]! * nchan + c) * n + jtrue * m
                            for r in 0..<m { b[(slot * nchan + c) * m + r] = unsolved[src + r] }
                        }
                    }
                    let own = jtrue * nchan..<(jtrue + 1) * nchan
                    let kept = LinearSolve.solveBlockToeplitzFirst(
                        blockSize: nchan, blockCount: L, &b, rhs: mine.count * nchan,
                        entry: { correlations.gramBlockEntry(signals: own, lag: $0, $1, $2) },
                        fill: { a, diagonal in correlations.fillGram(a, signals: own, diagonal: diagonal) })
                    if !kept { spatialKept = false }
                    solvedSpatial[jtrue] = b
                    spatialColumns[jtrue] = Dictionary(uniqueKeysWithValues: mine.enumerated().map { ($1, $0) })
                }
            }
            // C: one factorisation of G + eps·I, every estimate as right-hand sides. The
            // recursion runs beside the Cj solves; its residual check (and the dense solve,
            // when the check refuses it) after them, so the check takes every core.
            func projectionAttempt() -> LinearSolve.LevinsonAttempt {
                LinearSolve.LevinsonAttempt(
                    blockSize: K, blockCount: L, d, rhs: rhs,
                    entry: { correlations.gramBlockEntry(signals: 0..<K, lag: $0, $1, $2) })
            }
            var projection: LinearSolve.LevinsonAttempt?
            let solveProjection: () -> Void = { projection = projectionAttempt() }
            let sums = correlations.trackSums
            let tasks: [() -> Void] =
                [solveProjection, solveSpatial] + (sideWork.map { work in [{ work(sums) }] } ?? [])
            // At most `threadCount` at once; the task that frees first takes the next one.
            FastKernel.forEach(tasks.count, threads: threads) { tasks[$0]() }
            let projectionKept = (projection ?? projectionAttempt()).finish(
                &d, checkThreads: threads,
                fill: { a, diagonal in correlations.fillGram(a, signals: 0..<K, diagonal: diagonal) })
            return projectionKept && spatialKept
        }
        if !solveAll(correlations, sideWork: sideWork), let exact = try exactCorrelations() {
            // G is ill-conditioned: its rounding shows in the scores, so it is rebuilt with
            // the whole-track pass, the arithmetic the goldens' tolerances were set with.
            Trace.note("ill-conditioned: correlations recomputed by the whole-track pass")
            correlations = exact
            _ = solveAll(correlations, sideWork: nil)
        }
        Trace.mark("filters Cj and C (n = \(n))\(sideWork == nil ? "" : ", whole-track metrics alongside")")
        for (slot, jest) in estimates.enumerated() {
            projectionTaps[jest] = Array(d[slot * nchan * n..<(slot + 1) * nchan * n])
        }
        for (jtrue, columns) in solvedSpatial.keys.map({ ($0, spatialColumns[$0]!) }) {
            for (jest, slot) in columns {
                spatialTaps[jtrue * nsrc + jest] = Array(
                    solvedSpatial[jtrue]![slot * nchan * m..<(slot + 1) * nchan * m])
            }
        }
        filterLength = L
        if withSpectra { makeSpectra(threads: threads) }
    }

    /// Transforms every filter to the frame FFT size (`projection`, `spatial`), once; the
    /// spectral frame scorer needs them, the lag scorer does not (29 MB for MUSDB).
    func makeSpectra(threads: Int) {
        guard projections.isEmpty else { return }
        let nchan = channelCount, K = sourceCount * channelCount, L = filterLength
        // Every tap set to transform: (taps, destination, row), then transformed in parallel.
        var jobs: [(UnsafePointer<Double>, SplitSpectra, Int)] = []
        var storage: [UnsafeMutablePointer<Double>] = []
        defer { for pointer in storage { pointer.deallocate() } }
        // Taps laid out [output c][input x][k], x < inputs; spectrum row x·nchan + c.
        func schedule(_ taps: [Double], inputs: Int) -> SplitSpectra {
            let copy = UnsafeMutablePointer<Double>.allocate(capacity: taps.count)
            copy.initialize(from: taps, count: taps.count)
            storage.append(copy)
            let h = SplitSpectra(count: inputs * nchan, bins: bins)
            for x in 0..<inputs {
                for c in 0..<nchan { jobs.append((UnsafePointer(copy + (c * inputs + x) * L), h, x * nchan + c)) }
            }
            return h
        }
        for jest in projectionTaps.keys.sorted() { projections[jest] = schedule(projectionTaps[jest]!, inputs: K) }
        for key in spatialTaps.keys.sorted() { spatials[key] = schedule(spatialTaps[key]!, inputs: nchan) }
        let workers = max(1, min(threads, jobs.count))
        let frameSize = self.frameSize
        FastKernel.parallelFor(jobs.count, threads: workers) { worker in
            let fft = RealFFT(size: frameSize)
            for i in stride(from: worker, to: jobs.count, by: workers) {
                let (taps, h, row) = jobs[i]
                h.transform(fft, UnsafeBufferPointer(start: taps, count: L), into: row)
            }
        }
        Trace.mark("filter spectra")
    }
}
