import COpenBLAS
import Foundation

/// Solves `T X = D` for a block-Toeplitz `T` (`L × L` blocks of size `m × m`, block
/// `(a, b) = R(a − b)`) with every right-hand side at once, in O(L²·m³ + L²·m²·rhs).
///
/// Trick: block Levinson recursion (Whittle–Wiggins–Robinson, block Levinson–Durbin).
/// BSS Eval's Gram matrix G, reordered by lag (row `r·m + p` for signal p, lag r), is
/// exactly block Toeplitz with `R(k)` the `m × m` lag-k correlations, so the O((L·m)³)
/// dense factorisation becomes L order-updates of forward/backward predictors.
/// Trap: Levinson is only weakly stable (it is not backward stable on ill-conditioned T);
/// callers must check `relativeResidual` and fall back to a dense solve when it is not
/// tiny. The recursion does not assume R(−k) = R(k)ᵀ (both lags are stored), so it is
/// exactly the matrix the dense path builds.
struct BlockToeplitzSolver {
    let blockSize: Int
    let blockCount: Int
    /// `2L − 1` column-major `m × m` blocks, block i holding R(L − 1 − i) (lags descending),
    /// so that any block row `[R(k), R(k − 1), …]` is one contiguous `m × (count·m)` matrix.
    private var blocks: [Double]

    /// `entry(k, p, q)` is element (p, q) of R(k), for k in −(L−1)…L−1; `diagonal` is
    /// added to R(0)'s diagonal (the eps·I regularisation).
    init(blockSize m: Int, blockCount L: Int, diagonal: Double, entry: (Int, Int, Int) -> Double) {
        blockSize = m
        blockCount = L
        blocks = [Double](repeating: 0, count: (2 * L - 1) * m * m)
        for i in 0..<(2 * L - 1) {
            let k = L - 1 - i
            for q in 0..<m {
                for p in 0..<m { blocks[(i * m + q) * m + p] = entry(k, p, q) }
            }
        }
        for p in 0..<m { blocks[((L - 1) * m + p) * m + p] += diagonal }
    }

    private static func gemm(
        _ rows: Int, _ cols: Int, _ inner: Int,
        _ a: UnsafePointer<Double>, _ lda: Int,
        _ b: UnsafePointer<Double>, _ ldb: Int, beta: Double,
        _ c: UnsafeMutablePointer<Double>, _ ldc: Int
    ) {
        cblas_dgemm(
            CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(cols), Int32(inner),
            1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `a⁻¹ b` for an `m × m` `a` (copied) and `m × cols` `b` (overwritten), LAPACK `dgesv`;
    /// false when `a` is exactly singular.
    private static func solveSmall(_ a: [Double], m: Int, _ b: UnsafeMutablePointer<Double>, cols: Int) -> Bool {
        var a = a
        var n = Int32(m), nrhs = Int32(cols), lda = Int32(m), ldb = Int32(m), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: m)
        dgesv_(&n, &nrhs, &a, &lda, &pivots, b, &ldb, &info)
        return info == 0
    }

    /// Cholesky factor diagonal of the `m × m` symmetric `a` (lower triangle read, copied),
    /// nil when `a` is not numerically positive definite.
    private static func choleskyDiagonal(_ a: [Double], m: Int) -> [Double]? {
        var a = a, dummy = [Double](repeating: 0, count: m)
        var uplo = CChar(UInt8(ascii: "L"))
        var n = Int32(m), nrhs: Int32 = 0, lda = Int32(m), ldb = Int32(m), info: Int32 = 0
        dposv_(&uplo, &n, &nrhs, &a, &lda, &dummy, &ldb, &info)
        return info == 0 ? (0..<m).map { a[$0 * m + $0] } : nil
    }

    /// X with `T X = D`; `d` is `(L·m) × rhs` column-major in lag-major row order. Nil when
    /// a predictor-error block is exactly singular or the result is not finite, and — the
    /// same guard as `LinearSolve.choleskySolve` — when T is not numerically positive
    /// definite or its Cholesky pivots' ratio min/max (squared) is below `pivotRatio`.
    /// Those pivots come for free: the backward prediction error E_b of order k is the
    /// Schur complement of T's leading k − 1 blocks, so T's (lag-ordered) Cholesky diagonal
    /// is the concatenation of the Cholesky diagonals of the E_b's.
    func solve(_ d: [Double], rhs: Int, pivotRatio: Double = LinearSolve.choleskyPivotRatio) -> [Double]? {
        let m = blockSize, L = blockCount, n = m * L, mm = m * m
        var f = [Double](repeating: 0, count: n * m), b = f, saved = f
        var x = [Double](repeating: 0, count: n * rhs)
        var ef = Array(blocks[((L - 1) * mm)..<(L * mm)]), eb = ef
        var deltaF = [Double](repeating: 0, count: mm), deltaB = deltaF
        var theta = [Double](repeating: 0, count: m * rhs)
        for p in 0..<m { f[p * n + p] = 1; b[p * n + p] = 1 }
        var smallest = Double.infinity, largest = 0.0
        func recordPivots(_ e: [Double]) -> Bool {
            guard let diagonal = Self.choleskyDiagonal(e, m: m) else { return false }
            for v in diagonal { smallest = min(smallest, v); largest = max(largest, v) }
            return true
        }
        guard recordPivots(eb) else { return nil }
        var first = [Double](repeating: 0, count: m * rhs) // d_0, then R(0)⁻¹ d_0
        for c in 0..<rhs { for p in 0..<m { first[c * m + p] = d[c * n + p] } }
        guard Self.solveSmall(ef, m: m, &first, cols: rhs) else { return nil }
        for c in 0..<rhs { for p in 0..<m { x[c * n + p] = first[c * m + p] } }
        let ok: Bool = blocks.withUnsafeBufferPointer { rp in
            let r = rp.baseAddress!
            return x.withUnsafeMutableBufferPointer { xp in
                for order in 1..<max(L, 1) {
                    let rowF = r + (L - 1 - order) * mm // [R(order), …, R(1)]
                    let rowB = r + L * mm // [R(−1), …, R(−order)]
                    let used = order * m
                    Self.gemm(m, m, used, rowF, m, f, n, beta: 0, &deltaF, m)
                    Self.gemm(m, m, used, rowB, m, b, n, beta: 0, &deltaB, m)
                    // α = −E_b⁻¹ Δ_f, β = −E_f⁻¹ Δ_b
                    var alpha = deltaF.map { -$0 }, beta = deltaB.map { -$0 }
                    guard Self.solveSmall(eb, m: m, &alpha, cols: m),
                        Self.solveSmall(ef, m: m, &beta, cols: m)
                    else { return false }
                    // F' = [F; 0] + [0; B] α,  B' = [0; B] + [F; 0] β (old F and B on the right).
                    for c in 0..<m {
                        for i in 0..<used { saved[c * used + i] = f[c * n + i] }
                    }
                    f.withUnsafeMutableBufferPointer { fp in
                        Self.gemm(used, m, m, b, n, alpha, m, beta: 1, fp.baseAddress! + m, n)
                    }
                    b.withUnsafeMutableBufferPointer { bp in
                        for c in 0..<m {
                            let col = bp.baseAddress! + c * n
                            memmove(col + m, col, used * MemoryLayout<Double>.stride) // overlapping shift
                            col.update(repeating: 0, count: m)
                        }
                    }
                    Self.gemm(used, m, m, saved, used, beta, m, beta: 1, &b, n)
                    // E_f' = E_f + Δ_b α,  E_b' = E_b + Δ_f β
                    Self.gemm(m, m, m, deltaB, m, alpha, m, beta: 1, &ef, m)
                    Self.gemm(m, m, m, deltaF, m, beta, m, beta: 1, &eb, m)
                    guard recordPivots(eb) else { return false }
                    // X' = [X; 0] + B' γ with γ = E_b'⁻¹ (d_order − θ), θ = [R(order) … R(1)] X.
                    Self.gemm(m, rhs, used, rowF, m, UnsafePointer(xp.baseAddress!), n, beta: 0, &theta, m)
                    for c in 0..<rhs {
                        for p in 0..<m { theta[c * m + p] = d[c * n + used + p] - theta[c * m + p] }
                    }
                    guard Self.solveSmall(eb, m: m, &theta, cols: rhs) else { return false }
                    Self.gemm(used + m, rhs, m, b, n, theta, m, beta: 1, xp.baseAddress!, n)
                }
                return true
            }
        }
        let ratio = (smallest / largest) * (smallest / largest)
        guard ok, ratio.isFinite, ratio >= pivotRatio, x.allSatisfy({ $0.isFinite }) else { return nil }
        return x
    }

    /// `T X` by direct block-row products (each block row is one contiguous slice of
    /// `blocks`, so this is L matrix products): the cheap check of a Levinson solution.
    /// The block rows are independent: they are shared among `threads` threads (the check
    /// of the big solve runs after the small solves beside it), and each is the same
    /// product whichever thread computes it.
    func apply(_ x: [Double], rhs: Int, threads: Int = 1) -> [Double] {
        let m = blockSize, L = blockCount, n = m * L, mm = m * m
        var y = [Double](repeating: 0, count: n * rhs)
        let parts = max(1, min(threads, L))
        blocks.withUnsafeBufferPointer { rp in
            y.withUnsafeMutableBufferPointer { yp in
                let r = rp.baseAddress!, out = yp.baseAddress!
                let rows = { (part: Int) in
                    for i in stride(from: part, to: L, by: parts) {
                        Self.gemm(m, rhs, n, r + (L - 1 - i) * mm, m, x, n, beta: 0, out + i * m, n)
                    }
                }
                // A parallel loop whose caller takes a share: no worker waits for work queued
                // behind it (see `LinearSolve.LevinsonAttempt`).
                FastKernel.parallelFor(parts, threads: parts) { rows($0) }
            }
        }
        return y
    }

    /// ‖T X − D‖_F / ‖D‖_F.
    func relativeResidual(_ x: [Double], _ d: [Double], rhs: Int, threads: Int = 1) -> Double {
        let y = apply(x, rhs: rhs, threads: threads)
        var num = 0.0, den = 0.0
        for i in 0..<d.count {
            num += (y[i] - d[i]) * (y[i] - d[i])
            den += d[i] * d[i]
        }
        return den > 0 ? (num / den).squareRoot() : num.squareRoot()
    }
}
