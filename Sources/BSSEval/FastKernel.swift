import COpenBLAS
import DSP
import Dispatch
import Foundation
import Synchronization

/// The fast BSS Eval kernel. Same mathematics as `ReferenceKernel` (and museval), other
/// arithmetic:
///
/// 1. Correlations: the Gram matrix G is block-Toeplitz, so only the lags −(L−1)…L−1 of
///    each pair of reference channels are computed (and lags 0…L−1 of each reference
///    channel against each estimate channel, for D), by overlap-save blocks whose
///    cross-spectra are summed in the frequency domain: one inverse FFT per pair at the end.
///    Blocks run in parallel.
/// 2. Filters: one solve of G + eps·I serves every estimate (all of D's columns as
///    right-hand sides), one per source block for the spatial filters Cj, the two side by
///    side (`FilterSpectra`). Each solve tries a block Levinson recursion on the lag-ordered
///    block-Toeplitz G, then a Cholesky factorisation, then museval's own LU (`dgesv`),
///    keeping a faster result only where it is well conditioned and accurate enough not to
///    change the scores (`LinearSolve`).
/// 3. Frames: each frame is zero-padded to an FFT size M ≥ win + L − 1, so the products of
///    its spectra with the filters' (transformed once) are the linear convolutions, and
///    every energy of the decomposition follows from Parseval: no inverse FFT per frame.
///    The reference spectra are shared by all estimates. Frames run in parallel.
///
/// For v4 with frames that do not overlap (MUSDB's win = hop), steps 1 and 3 are one pass:
/// `FrameCorrelations` computes every frame's own lags and sums them (plus boundary
/// corrections) into the whole-track ones, and `LagScorer` scores each frame from its lags;
/// frames it cannot score accurately go to step 3.
enum FastKernel {
    /// Frames scored from their lags so far in this process (tests check the path ran).
    static let framesScoredFromLags = Atomic<Int>(0)

    /// Whether v4 frames are scored from their own lags (`lagPairScores`): frames that do not
    /// overlap, each segment long enough for the boundary corrections.
    static func scoresFromLags(_ framing: Framing, options: BSSEvalOptions) -> Bool {
        options.mode == .v4 && options.scoresFramesFromLags
            && FrameCorrelations.applies(framing: framing, filterLength: options.filterLength)
    }

    static func threads(_ options: BSSEvalOptions) -> Int {
        options.threadCount > 0 ? options.threadCount : ProcessInfo.processInfo.activeProcessorCount
    }

    /// `sideWork` runs alongside the filter solves in v4 mode (they leave a core idle), and
    /// not at all in v3 mode: callers check whether it ran.
    static func pairScores(
        references refs: SignalSet, estimates ests: SignalSet,
        options: BSSEvalOptions, pairs: [(Int, Int)],
        alongside sideWork: (([GlobalMetrics.Sums]) -> Void)? = nil
    ) -> PairScores {
        let framing = Framing(window: options.window, hop: options.hop, length: refs.length)
        // Arrays in memory cannot fail to be read; the spectral path below would score them all the same.
        if scoresFromLags(framing, options: options),
            let lagged = try? lagPairScores(
                MemorySamples(references: refs, estimates: ests), framing: framing, options: options, pairs: pairs,
                alongside: sideWork)
        {
            return lagged.scores
        }
        var scores = PairScores(sourceCount: refs.sourceCount, frameCount: framing.count)
        let threads = threads(options)
        let silent = (0..<framing.count).map { t in
            refs.anySilent(in: framing.range(t)) || ests.anySilent(in: framing.range(t))
        }
        Trace.mark("silence checks")
        let frameSize = RealFFT.fastSize(atLeast: framing.frameLength + options.filterLength - 1)
        let layout = scores.layout
        scores.values.withUnsafeMutableBufferPointer { out in
            let sink = ScoreSink(values: out.baseAddress!, layout: layout)
            switch options.mode {
            case .v4:
                let frames = (0..<framing.count).filter { !silent[$0] }.map { (t: $0, range: framing.range($0)) }
                scoreSpectrally(
                    frames, references: refs, estimates: ests, options: options, pairs: pairs,
                    frameSize: frameSize, threads: threads, sink: sink, alongside: sideWork)
            case .v3:
                for t in 0..<framing.count where !silent[t] {
                    let range = framing.range(t)
                    let filters = FilterSpectra(
                        references: refs, estimates: ests, range: range,
                        filterLength: options.filterLength, pairs: pairs,
                        frameSize: frameSize, threads: threads)
                    FrameScorer(frameSize: frameSize, refs: refs, ests: ests, batchSize: 1)
                        .score(
                            [(t: t, range: range)], pairs: pairs, criteria: options.criteria, filters: filters,
                            into: sink)
                }
            }
        }
        return scores
    }

    /// v4 frames scored from their own lags (`FrameCorrelations`, `LagScorer`), in one pass
    /// over `samples` that also finds the silent frames, the estimates' frame energies and
    /// whether every source sounds somewhere; the frames the lags cannot score accurately
    /// (near-perfect estimates, ill-conditioned filters) are read again and go to the
    /// spectral scorer. `silentSource` is the first reference, then estimate, that is silent
    /// over the whole track (museval's `validate`; the scores are then not computed).
    static func lagPairScores(
        _ samples: some SampleAccess, framing: Framing, options: BSSEvalOptions, pairs: [(Int, Int)],
        alongside sideWork: (([GlobalMetrics.Sums]) -> Void)?
    ) throws -> (scores: PairScores, silentSource: (BSSEvalError.Role, Int)?) {
        let view = LagView.identity(
            sourceCount: samples.sourceCount, channelCount: samples.channelCount, filterLength: options.filterLength)
        let (lags, observations) = try lagPass(samples, framing: framing, options: options, views: [view])
        if let silent = observations[0].silentSource {
            return (PairScores(sourceCount: samples.sourceCount, frameCount: framing.count), silent)
        }
        let scores = try scoreFromLags(
            lags, view: view, observations: observations[0], rereading: samples, framing: framing, options: options,
            pairs: pairs, alongside: sideWork)
        return (scores, nil)
    }

    /// v4 frames scored from their spectra (`FrameScorer`), with the filters solved here
    /// unless given.
    static func scoreSpectrally(
        _ frames: [(t: Int, range: Range<Int>)], references refs: SignalSet, estimates ests: SignalSet,
        options: BSSEvalOptions, pairs: [(Int, Int)], frameSize: Int, threads: Int,
        sink: ScoreSink, filters given: FilterSpectra? = nil,
        alongside sideWork: (([GlobalMetrics.Sums]) -> Void)? = nil
    ) {
        // Up to `framesPerBatch` frames per batch, fewer on short tracks so every core gets one.
        let batch = max(1, min(FrameScorer.framesPerBatch, (frames.count + threads - 1) / threads))
        let batches = (frames.count + batch - 1) / batch
        let workers = min(threads, batches)
        // The scorers' batch buffers (tens of MB each) and the frame-size FFT plan are made,
        // and the buffers faulted in, while the filters are solved, on the core the solves
        // leave idle, so that no page fault lands in the frame pass.
        var scorers: [FrameScorer] = []
        func makeScorers() {
            scorers = (0..<workers).map { _ in
                let scorer = FrameScorer(frameSize: frameSize, refs: refs, ests: ests, batchSize: batch)
                scorer.prefault()
                return scorer
            }
        }
        let filters: FilterSpectra
        if let given {
            filters = given
            filters.makeSpectra(threads: threads)
            makeScorers()
        } else {
            filters = FilterSpectra(
                references: refs, estimates: ests, range: 0..<refs.length,
                filterLength: options.filterLength, pairs: pairs,
                frameSize: frameSize, threads: threads,
                alongside: { sums in
                    sideWork?(sums)
                    makeScorers()
                })
        }
        // Batches are handed out first come, first served, so a core slowed by other
        // load does less of them. Each frame's scores depend only on its batch, never
        // on which thread ran it: results stay identical from run to run.
        let next = Atomic<Int>(0)
        parallelFor(workers, threads: workers) { worker in
            while true {
                let b = next.add(1, ordering: .relaxed).oldValue
                guard b < batches else { break }
                let batchFrames = Array(frames[b * batch..<min((b + 1) * batch, frames.count)])
                scorers[worker].score(
                    batchFrames, pairs: pairs, criteria: options.criteria, filters: filters, into: sink)
            }
        }
        Trace.mark("\(frames.count) frames")
    }

    /// Runs `body(worker)` for worker 0..<threads (at most `count` of them) concurrently.
    static func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        }
    }

    /// Runs `body(i)` for every independent item i in 0..<count on at most `threads`
    /// workers, each taking the next item when it is free (first come, first served), so
    /// `threadCount` bounds the cores used even where there are more items than threads.
    /// One worker runs them in order on the calling thread, without Dispatch.
    static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(threads, count))
        guard workers > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        parallelFor(workers, threads: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                body(i)
            }
        }
    }
}

/// Where frame scorers write: distinct (pair, frame) cells, so no locking is needed.
struct ScoreSink: @unchecked Sendable {
    let values: UnsafeMutablePointer<Double>
    let layout: PairScoreLayout

    func set(_ r: (Double, Double, Double, Double), _ jtrue: Int, _ jest: Int, _ t: Int) {
        layout.store(r, jtrue, jest, t, in: values)
    }
}
