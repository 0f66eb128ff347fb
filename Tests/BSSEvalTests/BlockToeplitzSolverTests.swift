import XCTest

@testable import BSSEval

/// Block Levinson against the dense oracle (`LinearSolve.solveRegularized`, Cholesky/dgesv
/// on the explicit G): equal on well-conditioned Gram matrices, refused (dense path taken,
/// bit-identical to it) on a singular one.
final class BlockToeplitzSolverTests: XCTestCase {
    /// `m` signals of `length` samples from a fixed LCG; `delayed` makes signal 1 a copy of
    /// signal 0 delayed by one sample (signal 0 ending in zeros), which makes the lagged
    /// Gram matrix singular in exact arithmetic.
    func signals(m: Int, length: Int, seed: UInt64, delayed: Bool = false) -> [[Double]] {
        var rng = seed
        func next() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53) - 0.5
        }
        var x = (0..<m).map { _ in (0..<length).map { _ in next() } }
        if delayed {
            for t in (length - 8)..<length { x[0][t] = 0 } // so the delay loses nothing
            x[1] = [0] + x[0].dropLast()
        }
        return x
    }

    /// Lag-k correlation Σ_t x_p[t − k]·x_q[t]: G at row (p, r), column (q, s) is c(p, q, r − s).
    func correlation(_ x: [[Double]], _ p: Int, _ q: Int, _ k: Int) -> Double {
        var s = 0.0
        for t in 0..<x[q].count where t - k >= 0 && t - k < x[p].count { s += x[p][t - k] * x[q][t] }
        return s
    }

    struct Case {
        let m: Int, L: Int, rhs: Int
        let lags: [Double] // c(p, q, k) at ((k + L − 1)·m + q)·m + p
        func entry(_ k: Int, _ p: Int, _ q: Int) -> Double { lags[((k + L - 1) * m + q) * m + p] }
        /// Signal-major dense G (row p·L + r), as the kernel's `fillGram` lays it out.
        func dense() -> [Double] {
            let n = m * L
            var g = [Double](repeating: 0, count: n * n)
            for p in 0..<m {
                for q in 0..<m {
                    for r in 0..<L {
                        for s in 0..<L {
                            g[(q * L + s) * n + p * L + r] = entry(r - s, p, q)
                        }
                    }
                }
            }
            return g
        }
    }

    func makeCase(m: Int, L: Int, rhs: Int, seed: UInt64, delayed: Bool = false) -> Case {
        let x = signals(m: m, length: 6 * m * L, seed: seed, delayed: delayed)
        var lags = [Double](repeating: 0, count: (2 * L - 1) * m * m)
        for k in -(L - 1)...(L - 1) {
            for q in 0..<m {
                for p in 0..<m {
                    lags[((k + L - 1) * m + q) * m + p] = correlation(x, p, q, k)
                }
            }
        }
        return Case(m: m, L: L, rhs: rhs, lags: lags)
    }

    func rightHandSides(n: Int, rhs: Int) -> [Double] {
        (0..<(n * rhs)).map { sin(Double($0) * 0.37) + 0.1 * Double($0 % 7) }
    }

    /// Returns (took Levinson, Levinson-first solution, dense solution).
    func solveBoth(_ c: Case) -> (Bool, [Double], [Double]) {
        let n = c.m * c.L, g = c.dense()
        var fast = rightHandSides(n: n, rhs: c.rhs)
        let levinson = LinearSolve.solveBlockToeplitzFirst(
            blockSize: c.m, blockCount: c.L, &fast, rhs: c.rhs, entry: c.entry,
            fill: { a, diagonal in
                g.withUnsafeBufferPointer { a.update(from: $0.baseAddress!, count: n * n) }
                for i in 0..<n { a[i * n + i] += diagonal }
            })
        var dense = rightHandSides(n: n, rhs: c.rhs)
        LinearSolve.solveRegularized(g, n: n, &dense, rhs: c.rhs)
        return (levinson, fast, dense)
    }

    /// The recursion made inside a parallel loop (as the filter solves make it, beside the
    /// Cj solves) and finished after it, with the check on 2 threads, gives the bits of the
    /// one-call solve.
    func testLevinsonAttemptFinishedAfterAParallelLoopGivesTheSameBits() {
        let c = makeCase(m: 3, L: 25, rhs: 6, seed: 3)
        let n = c.m * c.L, g = c.dense()
        let fill = { (a: UnsafeMutablePointer<Double>, diagonal: Double) in
            g.withUnsafeBufferPointer { a.update(from: $0.baseAddress!, count: n * n) }
            for i in 0..<n { a[i * n + i] += diagonal }
        }
        var once = rightHandSides(n: n, rhs: c.rhs)
        XCTAssertTrue(
            LinearSolve.solveBlockToeplitzFirst(
                blockSize: c.m, blockCount: c.L, &once, rhs: c.rhs, entry: c.entry, fill: fill))
        var split = rightHandSides(n: n, rhs: c.rhs)
        var attempt: LinearSolve.LevinsonAttempt?
        let right = split
        FastKernel.parallelFor(2, threads: 2) { i in
            if i == 0 {
                attempt = LinearSolve.LevinsonAttempt(
                    blockSize: c.m, blockCount: c.L, right, rhs: c.rhs, entry: c.entry)
            }
        }
        XCTAssertNotNil(attempt?.x)
        XCTAssertEqual(attempt?.finish(&split, checkThreads: 2, fill: fill), true)
        XCTAssertEqual(split.map(\.bitPattern), once.map(\.bitPattern))
    }

    func testWellConditionedCasesTakeLevinsonAndMatchDenseSolve() {
        for (m, L, rhs, seed) in [(1, 40, 2, UInt64(1)), (2, 32, 4, 2), (3, 25, 6, 3), (8, 12, 8, 4)] {
            let c = makeCase(m: m, L: L, rhs: rhs, seed: seed)
            let n = m * L
            // The recursion alone, in lag-major order: tiny residual.
            let solver = BlockToeplitzSolver(blockSize: m, blockCount: L, diagonal: Double.ulpOfOne, entry: c.entry)
            let d = rightHandSides(n: n, rhs: rhs)
            let x = solver.solve(d, rhs: rhs)
            XCTAssertNotNil(x)
            if let x { XCTAssertLessThan(solver.relativeResidual(x, d, rhs: rhs), 1e-12, "m \(m) L \(L)") }
            // Through LinearSolve, signal-major: Levinson kept, equal to the dense oracle.
            let (levinson, fast, dense) = solveBoth(c)
            XCTAssertTrue(levinson, "m \(m) L \(L)")
            var diff = 0.0, norm = 0.0
            for i in 0..<fast.count { diff += (fast[i] - dense[i]) * (fast[i] - dense[i]); norm += dense[i] * dense[i] }
            XCTAssertLessThan((diff / norm).squareRoot(), 1e-8, "m \(m) L \(L)")
        }
    }

    func testSingularGramFallsBackToDenseSolve() {
        let c = makeCase(m: 2, L: 24, rhs: 3, seed: 5, delayed: true)
        let (levinson, fast, dense) = solveBoth(c)
        XCTAssertFalse(levinson)
        XCTAssertEqual(fast, dense) // the dense path, bit for bit
    }

    func testApplyMatchesDenseProduct() {
        let c = makeCase(m: 3, L: 10, rhs: 2, seed: 9)
        let n = c.m * c.L
        let solver = BlockToeplitzSolver(blockSize: c.m, blockCount: c.L, diagonal: 0, entry: c.entry)
        let x = rightHandSides(n: n, rhs: c.rhs)
        let y = solver.apply(x, rhs: c.rhs)
        XCTAssertEqual(solver.apply(x, rhs: c.rhs, threads: 3), y) // block rows shared among threads: same bits
        // Lag-major dense product: row a·m + p, column b·m + q holds c(p, q, a − b).
        for k in 0..<c.rhs {
            for a in 0..<c.L {
                for p in 0..<c.m {
                    var s = 0.0
                    for b in 0..<c.L { for q in 0..<c.m { s += c.entry(a - b, p, q) * x[k * n + b * c.m + q] } }
                    XCTAssertEqual(y[k * n + a * c.m + p], s, accuracy: 1e-12 * max(1, abs(s)))
                }
            }
        }
    }
}
