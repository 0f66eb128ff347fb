import COpenBLAS

/// museval's `solve(G + eps·I, D)` with its least-squares fallback, on LAPACK.
///
/// Trap: museval adds float64 epsilon (2.22e-16) to the diagonal, which is negligible
/// next to ‖G‖, so ill-conditioned Gram matrices (band-limited or quantised stems) are
/// solved essentially unregularised. numpy's `solve` is LAPACK `dgesv` (LU with partial
/// pivoting); we call the same routine on the same column-major matrix, so the
/// components of the filters along near-null directions come out the way museval's do
/// as far as rounding allows (see README). When `dgesv` reports an exactly singular
/// pivot, museval falls back to `lstsq(G, D)` (numpy: `dgelsd` with
/// rcond = eps·max(m, n)); so do we.
enum LinearSolve {
    /// Solves `(G + eps·I) x = b`: `fill(a, diagonal)` writes the `n × n` column-major G
    /// plus `diagonal` on its diagonal into `a`; `b` is `n × rhs` column-major and
    /// receives `x`. G is built twice only in the singular case, so one `n²` buffer is
    /// the only large allocation.
    static func solveRegularized(n: Int, _ b: inout [Double], rhs: Int,
                                 fill: (UnsafeMutablePointer<Double>, Double) -> Void) {
        let a = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        defer { a.deallocate() }
        fill(a, Double.ulpOfOne)
        var nn = Int32(n), nrhs = Int32(rhs), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: n)
        let rhsCopy = b
        b.withUnsafeMutableBufferPointer { bp in
            pivots.withUnsafeMutableBufferPointer { pp in
                dgesv_(&nn, &nrhs, a, &lda, pp.baseAddress, bp.baseAddress, &ldb, &info)
            }
        }
        if info > 0 {
            fill(a, 0)
            b = rhsCopy
            leastSquares(a, n: n, &b, rhs: rhs)
        }
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
