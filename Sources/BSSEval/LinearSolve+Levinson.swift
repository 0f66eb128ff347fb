extension LinearSolve {
    /// `solveRegularized(n:_:rhs:fill:)` for G = the block-Toeplitz Gram matrix of `m`
    /// signals and `L` lags, in the kernel's signal-major row order (row `p·L + r`);
    /// `entry(k, p, q)` is G at row `p·L + r`, column `q·L + s` with k = r − s.
    ///
    /// Trick: block Levinson (`BlockToeplitzSolver`, O(L²·m³)) first, accepted only when G
    /// passes the same pivot-ratio guard as the Cholesky path and the solution's residual,
    /// checked with a cheap block-Toeplitz product, is below
    /// `levinsonResidualBound`; otherwise the dense path runs unchanged (same G, same
    /// routines as before), so ill-conditioned cases keep museval's dgesv.
    /// `checkThreads` threads share the residual check (see `LevinsonAttempt.finish`).
    /// Returns true when the block Levinson solution was kept.
    @discardableResult
    static func solveBlockToeplitzFirst(
        blockSize m: Int, blockCount L: Int, _ b: inout [Double], rhs: Int,
        checkThreads: Int = 1,
        entry: (Int, Int, Int) -> Double,
        fill: (UnsafeMutablePointer<Double>, Double) -> Void
    ) -> Bool {
        LevinsonAttempt(blockSize: m, blockCount: L, b, rhs: rhs, entry: entry)
            .finish(&b, checkThreads: checkThreads, fill: fill)
    }

    /// The two steps of `solveBlockToeplitzFirst`, apart: the recursion (serial, one BLAS
    /// thread), then the residual check and the choice of solution. Apart, because the
    /// check can share the cores and the recursion cannot: a caller that runs recursions
    /// side by side in a parallel loop finishes them after that loop, so the check's own
    /// parallel loop is not nested in it. (Nested, libdispatch would run it serially; and a
    /// worker that queued work and waited for it would wait for a free thread, which
    /// libdispatch's pool on Linux adds only about a second later when every thread is
    /// busy.)
    struct LevinsonAttempt {
        let solver: BlockToeplitzSolver
        /// The right-hand sides in lag-major row order (row `r·m + p`).
        let d: [Double]
        /// The recursion's solution in lag-major order, or nil when it refused G.
        let x: [Double]?
        /// The number of right-hand sides (columns of `d`).
        var rhs: Int { d.count / (solver.blockSize * solver.blockCount) }

        /// Runs the recursion on `b` (`solveBlockToeplitzFirst`'s layout).
        init(blockSize m: Int, blockCount L: Int, _ b: [Double], rhs: Int, entry: (Int, Int, Int) -> Double) {
            let n = m * L
            solver = BlockToeplitzSolver(blockSize: m, blockCount: L, diagonal: Double.ulpOfOne, entry: entry)
            var d = [Double](repeating: 0, count: n * rhs)
            for c in 0..<rhs {
                for p in 0..<m {
                    for r in 0..<L { d[c * n + r * m + p] = b[c * n + p * L + r] }
                }
            }
            self.d = d
            x = withSingleThreadedBLAS { [solver] in solver.solve(d, rhs: rhs) }
        }

        /// Checks the residual (on `checkThreads` threads) and writes the solution into `b`:
        /// the recursion's when it passes, otherwise the dense solve's (`fill` builds G).
        /// True when the recursion's solution was kept.
        func finish(
            _ b: inout [Double], checkThreads: Int, fill: (UnsafeMutablePointer<Double>, Double) -> Void
        ) -> Bool {
            let m = solver.blockSize, L = solver.blockCount, n = m * L
            if let x {
                let residual = withSingleThreadedBLAS { solver.relativeResidual(x, d, rhs: rhs, threads: checkThreads) }
                if residual < levinsonResidualBound {
                    Trace.note("solve n = \(n): block Levinson (residual \(residual))")
                    for c in 0..<rhs {
                        for p in 0..<m {
                            for r in 0..<L { b[c * n + p * L + r] = x[c * n + r * m + p] }
                        }
                    }
                    return true
                }
                Trace.note("solve n = \(n): block Levinson refused (residual \(residual))")
            } else {
                Trace.note("solve n = \(n): block Levinson refused (singular or ill-conditioned)")
            }
            solveRegularized(n: n, &b, rhs: rhs, fill: fill)
            return false
        }
    }
}
