import COpenBLAS
import Foundation

/// museval's `solve(G + eps·I, D)` with its least-squares fallback, on LAPACK.
///
/// Trap: museval adds float64 epsilon (2.22e-16) to the diagonal, which is negligible
/// next to ‖G‖, so ill-conditioned Gram matrices (band-limited or quantised stems) are
/// solved essentially unregularised. numpy's `solve` is LAPACK `dgesv` (LU with partial
/// pivoting); we call the same routine on the same column-major matrix, so the
/// components of the filters along near-null directions come out the way museval's do
/// as far as rounding allows (see README). When `dgesv` reports an exactly singular
/// pivot, museval falls back to `lstsq(G, D)` (numpy: `dgelsd` with
/// rcond = eps·max(m, n)); so do we. A Cholesky solve is tried first and kept only
/// where it cannot change the scores (well-conditioned G).
enum LinearSolve {
    /// Solves `(G + eps·I) x = b`: `fill(a, diagonal)` writes the `n × n` column-major G
    /// plus `diagonal` on its diagonal into `a`; `b` is `n × rhs` column-major and
    /// receives `x`. G is rebuilt only when a faster path is refused, so one `n²` buffer
    /// is the only large allocation.
    ///
    /// Trick: G is a Gram matrix (symmetric, positive semi-definite), so a Cholesky
    /// solve (`dposv`, half the flops of LU) is tried first and accepted only when it
    /// succeeds *and* is well conditioned (see `choleskySolve`); otherwise museval's own
    /// path, `dgesv`, runs on a fresh copy of G. On well-conditioned G both give the same
    /// solution to ~cond·eps; on ill-conditioned G (where the scores depend on rounding,
    /// see README) we keep numpy's exact routine.
    ///
    /// Reproducibility trap: OpenBLAS splits a factorisation among its threads differently
    /// with another thread count, and so rounds differently; the count is process-wide and
    /// another solve (or another track's) may have lowered it meanwhile. On ill-conditioned
    /// G that rounding reaches the scores (a rerun could move SIR by whole dB), so the dense
    /// solves always run on one BLAS thread: the same bits on every run.
    static func solveRegularized(
        n: Int, _ b: inout [Double], rhs: Int,
        fill: (UnsafeMutablePointer<Double>, Double) -> Void
    ) {
        withSingleThreadedBLAS { solveDense(n: n, &b, rhs: rhs, fill: fill) }
    }

    private static func solveDense(
        n: Int, _ b: inout [Double], rhs: Int,
        fill: (UnsafeMutablePointer<Double>, Double) -> Void
    ) {
        let a = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        defer { a.deallocate() }
        let rhsCopy = b
        fill(a, Double.ulpOfOne)
        if choleskySolve(a, n: n, &b, rhs: rhs) {
            Trace.note("solve n = \(n): Cholesky")
            return
        }
        b = rhsCopy
        fill(a, Double.ulpOfOne)
        var nn = Int32(n), nrhs = Int32(rhs), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: n)
        b.withUnsafeMutableBufferPointer { bp in
            pivots.withUnsafeMutableBufferPointer { pp in
                dgesv_(&nn, &nrhs, a, &lda, pp.baseAddress, bp.baseAddress, &ldb, &info)
            }
        }
        Trace.note("solve n = \(n): LU")
        if info > 0 {
            fill(a, 0)
            b = rhsCopy
            leastSquares(a, n: n, &b, rhs: rhs)
        }
    }

    /// Largest accepted relative residual ‖(G + εI)X − D‖_F / ‖D‖_F of a block Levinson
    /// solution. A backward-stable dense solve (dposv/dgesv) leaves a residual of about
    /// n·eps·‖G‖‖X‖/‖D‖ ≈ 1e-13…1e-12 here (n ≤ 4096); 1e-10 accepts Levinson only when
    /// it is within ~100× of that, i.e. when X solves a system within 1e-10 (relative)
    /// of G + εI. On the ill-conditioned Gram matrices where museval's scores depend on
    /// dgesv's rounding the recursion loses far more than that and the dense path runs.
    static let levinsonResidualBound = 1e-10

    /// Runs `body` with OpenBLAS on the calling thread only. Its worker threads spin
    /// (sched_yield) for a while after every call, and on a 2-core machine they then take
    /// the cores from the FFT workers that run next; the small block products of the
    /// Levinson recursion gain nothing from them, and the dense solves must not depend on
    /// how many threads happen to be set (see `solveRegularized`). The setting is process-wide, so concurrent callers share it: the first in sets
    /// one thread, the last out restores the previous count.
    static func withSingleThreadedBLAS<R>(_ body: () -> R) -> R {
        blasThreads.lock.lock()
        if blasThreads.users == 0 {
            blasThreads.saved = openblas_get_num_threads()
            openblas_set_num_threads(1)
        }
        blasThreads.users += 1
        blasThreads.lock.unlock()
        defer {
            blasThreads.lock.lock()
            blasThreads.users -= 1
            if blasThreads.users == 0 { openblas_set_num_threads(blasThreads.saved) }
            blasThreads.lock.unlock()
        }
        return body()
    }

    private final class BLASThreads: @unchecked Sendable {
        let lock = NSLock()
        var users = 0
        var saved: Int32 = 1
    }

    private static let blasThreads = BLASThreads()

    /// Smallest accepted ratio min(Lᵢᵢ)² / max(Lᵢᵢ)² of the Cholesky factor's diagonal.
    /// That ratio is a lower bound of 1/cond(G): at 1e-8 the Cholesky and LU solutions
    /// can differ by at most ~1e-8 relative (cond·eps), i.e. ~1e-7 dB, far below the
    /// golden tolerance; below it G is treated as ill-conditioned and left to `dgesv`.
    static let choleskyPivotRatio = 1e-8

    /// Cholesky solve of the symmetric `a` (lower triangle read, destroyed) into `b`;
    /// false, with `b` clobbered, when `dposv` finds G not numerically positive definite
    /// (info > 0) or the factor's diagonal shows G ill-conditioned.
    static func choleskySolve(_ a: UnsafeMutablePointer<Double>, n: Int, _ b: inout [Double], rhs: Int) -> Bool {
        var uplo = CChar(UInt8(ascii: "L"))
        var nn = Int32(n), nrhs = Int32(rhs), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        b.withUnsafeMutableBufferPointer { bp in
            dposv_(&uplo, &nn, &nrhs, a, &lda, bp.baseAddress, &ldb, &info)
        }
        guard info == 0 else { return false }
        var smallest = Double.infinity, largest = 0.0
        for i in 0..<n {
            let d = a[i * n + i]
            smallest = min(smallest, d)
            largest = max(largest, d)
        }
        let ratio = (smallest / largest) * (smallest / largest)
        return ratio.isFinite && ratio >= choleskyPivotRatio
    }

    /// The same for an explicit column-major matrix `g` (left unchanged).
    static func solveRegularized(_ g: [Double], n: Int, _ b: inout [Double], rhs: Int) {
        solveRegularized(n: n, &b, rhs: rhs) { a, diagonal in
            g.withUnsafeBufferPointer { a.update(from: $0.baseAddress!, count: n * n) }
            for i in 0..<n { a[i * n + i] += diagonal }
        }
    }

    /// Minimum-norm least squares `a x ≈ b` (`dgelsd`, rcond = eps·n as numpy's default);
    /// `a` is destroyed.
    static func leastSquares(_ a: UnsafeMutablePointer<Double>, n: Int, _ b: inout [Double], rhs: Int) {
        var m = Int32(n), nn = Int32(n), nrhs = Int32(rhs), lda = Int32(n), ldb = Int32(n)
        var rcond = Double.ulpOfOne * Double(n), rank: Int32 = 0, info: Int32 = 0
        var s = [Double](repeating: 0, count: n)
        var lwork: Int32 = -1
        var query = 0.0
        var iquery: Int32 = 0
        dgelsd_(&m, &nn, &nrhs, a, &lda, &b, &ldb, &s, &rcond, &rank, &query, &lwork, &iquery, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iquery)))
        dgelsd_(&m, &nn, &nrhs, a, &lda, &b, &ldb, &s, &rcond, &rank, &work, &lwork, &iwork, &info)
    }
}
