import DSP

/// The products of every pair that straddle the segment boundaries of `FrameCorrelations`,
/// lags 1…L−1, gathered window by window: row p·K + q holds Σ x_p[n+m]·x_q[n] over
/// n < b ≤ n+m, row K² + p·Ke + c holds Σ ŝ_c[n+k]·x_p[n] over n < b ≤ n+k, summed over
/// the boundaries b (row-major, L per row, lag 0 unused).
///
/// Each boundary correlates the L−1 samples before it (u) with the L−1 after it (v), placed
/// so that the circular correlation of a 2L−2-point FFT has no wrap-around. Boundary `i`
/// always goes to worker `i mod workers`, and each worker adds its boundaries in order to
/// its own accumulator, which are added in worker order at the end: the same bits on every
/// run, however the boundaries arrive in windows.
final class BoundaryCorrections {
    private let K: Int, Ke: Int, L: Int, length: Int
    private let size: Int, bins: Int, rows: Int
    private let workers: Int
    private let states: [Worker]

    /// One thread's transform and buffers.
    private final class Worker {
        let fft: RealFFT
        let u: SplitSpectra, v: SplitSpectra, accumulator: SplitSpectra
        init(size: Int, bins: Int, K: Int, Ke: Int, rows: Int) {
            fft = RealFFT(size: size)
            u = SplitSpectra(count: K, bins: bins)
            v = SplitSpectra(count: K + Ke, bins: bins)
            accumulator = SplitSpectra(count: rows, bins: bins)
        }
    }

    init(references K: Int, estimates Ke: Int, filterLength L: Int, length: Int, boundaryCount: Int, threads: Int) {
        self.K = K
        self.Ke = Ke
        self.L = L
        self.length = length
        size = RealFFT.fastSize(atLeast: 2 * L - 2)
        bins = size / 2 + 1
        rows = K * K + K * Ke
        workers = max(1, min(threads, boundaryCount))
        let (size, bins, rows) = (size, bins, rows)
        states =
            boundaryCount == 0
            ? [] : (0..<workers).map { _ in Worker(size: size, bins: bins, K: K, Ke: Ke, rows: rows) }
    }

    /// Adds the boundaries `boundaries` (their index among all boundaries, and their
    /// position), each of which has its L − 1 samples on either side (fewer after it at the
    /// end of the track) inside `window`.
    func add(_ window: SampleWindow, boundaries: [(index: Int, at: Int)]) {
        guard L > 1, !boundaries.isEmpty, !states.isEmpty else { return }
        let (K, Ke, L, n) = (self.K, self.Ke, self.L, length)
        let r = window.references, e = window.estimates
        FastKernel.parallelFor(workers, threads: workers) { worker in
            let state = states[worker]
            let u = state.u, v = state.v, acc = state.accumulator, vectors = acc.vectorCount
            for (index, b) in boundaries where index % workers == worker {
                let head = min(L - 1, n - b), at = b - window.start
                for q in 0..<K {
                    u.transform(
                        state.fft, UnsafeBufferPointer(start: r[q] + at - (L - 1), count: L - 1), at: 0, into: q)
                }
                for p in 0..<K {
                    v.transform(state.fft, UnsafeBufferPointer(start: r[p] + at, count: head), at: L - 1, into: p)
                }
                for c in 0..<Ke {
                    v.transform(state.fft, UnsafeBufferPointer(start: e[c] + at, count: head), at: L - 1, into: K + c)
                }
                for p in 0..<K {
                    for q in 0..<K {
                        SplitSpectra.accumulateCorrelation(
                            acc.vectors(p * K + q), v.vectors(p), u.vectors(q), vectors: vectors)
                    }
                    for c in 0..<Ke {
                        SplitSpectra.accumulateCorrelation(
                            acc.vectors(K * K + p * Ke + c), v.vectors(K + c), u.vectors(p), vectors: vectors)
                    }
                }
            }
        }
    }

    /// The corrections so far (`rows · L` values), the workers' sums added in order.
    func total() -> [Double] {
        var out = [Double](repeating: 0, count: rows * L)
        guard let total = states.first?.accumulator else { return out }
        for w in states.dropFirst() {
            for i in 0..<rows {
                for k in 0..<bins {
                    total.real(i)[k] += w.accumulator.real(i)[k]
                    total.imaginary(i)[k] += w.accumulator.imaginary(i)[k]
                }
            }
        }
        let fft = RealFFT(size: size)
        var lags = [Double](repeating: 0, count: size)
        lags.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<rows {
                fft.inverse(real: total.real(i), imaginary: total.imaginary(i), into: buffer)
                for m in 1..<L { out[i * L + m] = buffer[m] }
            }
        }
        return out
    }
}
