import COpenBLAS
import Dispatch
import XCTest

@testable import BSSEval

/// The Cholesky-first solve: taken on well-conditioned Gram matrices and equal there to the
/// least-squares oracle; refused (so museval's `dgesv` runs) on indefinite or
/// ill-conditioned matrices.
final class LinearSolveTests: XCTestCase {
    /// Column-major `n × n` Gram matrix AᵀA of a random `3n × n` matrix (well conditioned).
    func randomGram(n: Int, seed: UInt64) -> [Double] {
        var rng = seed
        func next() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53) - 0.5
        }
        let rows = 3 * n
        let a = (0..<(rows * n)).map { _ in next() }
        var g = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for r in 0..<rows { s += a[i * rows + r] * a[j * rows + r] }
                g[j * n + i] = s
            }
        }
        return g
    }

    func rightHandSides(n: Int, rhs: Int) -> [Double] {
        (0..<(n * rhs)).map { sin(Double($0) * 0.37) + 0.1 * Double($0 % 7) }
    }

    /// max |G x − b| / max |b| (G column-major, eps on the diagonal ignored: 2e-16 relative).
    func residual(_ g: [Double], n: Int, x: [Double], b: [Double], rhs: Int) -> Double {
        var worst = 0.0
        for k in 0..<rhs {
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += g[j * n + i] * x[k * n + j] }
                worst = max(worst, abs(s - b[k * n + i]))
            }
        }
        return worst / (b.map { abs($0) }.max() ?? 1)
    }

    func testWellConditionedGramTakesCholeskyAndMatchesLeastSquares() {
        let n = 48, rhs = 3
        let g = randomGram(n: n, seed: 7)
        var factor = g
        var x = rightHandSides(n: n, rhs: rhs)
        let accepted = factor.withUnsafeMutableBufferPointer {
            LinearSolve.choleskySolve($0.baseAddress!, n: n, &x, rhs: rhs)
        }
        XCTAssertTrue(accepted)
        var solved = rightHandSides(n: n, rhs: rhs)
        LinearSolve.solveRegularized(g, n: n, &solved, rhs: rhs)
        var oracle = rightHandSides(n: n, rhs: rhs)
        var copy = g
        copy.withUnsafeMutableBufferPointer { LinearSolve.leastSquares($0.baseAddress!, n: n, &oracle, rhs: rhs) }
        let scale = oracle.map { abs($0) }.max()!
        for i in 0..<(n * rhs) { XCTAssertEqual(solved[i], oracle[i], accuracy: 1e-10 * scale) }
        XCTAssertLessThan(residual(g, n: n, x: solved, b: rightHandSides(n: n, rhs: rhs), rhs: rhs), 1e-12)
    }

    func testIndefiniteMatrixIsRefusedAndSolvedByLU() {
        let n = 32, rhs = 2
        var g = randomGram(n: n, seed: 11)
        for i in 0..<n { g[i * n + i] -= 40 } // shifts eigenvalues below zero: symmetric indefinite
        var factor = g
        var x = rightHandSides(n: n, rhs: rhs)
        let accepted = factor.withUnsafeMutableBufferPointer {
            LinearSolve.choleskySolve($0.baseAddress!, n: n, &x, rhs: rhs)
        }
        XCTAssertFalse(accepted)
        var solved = rightHandSides(n: n, rhs: rhs)
        LinearSolve.solveRegularized(g, n: n, &solved, rhs: rhs)
        XCTAssertLessThan(residual(g, n: n, x: solved, b: rightHandSides(n: n, rhs: rhs), rhs: rhs), 1e-9)
    }

    func testIllConditionedMatrixIsRefused() {
        let n = 12 // Hilbert matrix: symmetric positive definite, cond ≈ 1e16
        var hilbert = (0..<(n * n)).map { 1.0 / Double($0 / n + $0 % n + 1) }
        var x = rightHandSides(n: n, rhs: 1)
        let accepted = hilbert.withUnsafeMutableBufferPointer {
            LinearSolve.choleskySolve($0.baseAddress!, n: n, &x, rhs: 1)
        }
        XCTAssertFalse(accepted)
    }

    /// After `runBLASOnCallingThread` (what the `museval` command does first) OpenBLAS has
    /// one thread and no workers; a dense solve (with a matrix large enough that OpenBLAS
    /// would split it among threads) gives the same bits as before the call, and the
    /// single-threaded sections still restore the count they found.
    func testRunningBLASOnTheCallingThreadKeepsTheSolutions() {
        let n = 300, rhs = 4
        let g = randomGram(n: n, seed: 11)
        var before = rightHandSides(n: n, rhs: rhs)
        LinearSolve.solveRegularized(g, n: n, &before, rhs: rhs)
        BSSEval.runBLASOnCallingThread()
        XCTAssertEqual(openblas_get_num_threads(), 1)
        var after = rightHandSides(n: n, rhs: rhs)
        LinearSolve.solveRegularized(g, n: n, &after, rhs: rhs)
        XCTAssertEqual(after.map(\.bitPattern), before.map(\.bitPattern))
        LinearSolve.withSingleThreadedBLAS { XCTAssertEqual(openblas_get_num_threads(), 1) }
        XCTAssertEqual(openblas_get_num_threads(), 1)
        XCTAssertLessThan(residual(g, n: n, x: after, b: rightHandSides(n: n, rhs: rhs), rhs: rhs), 1e-12)
    }

    /// The solves run side by side: while any is inside, OpenBLAS runs on one thread, and
    /// the last one out restores the count the caller had.
    func testConcurrentSingleThreadedBLASRestoresTheThreadCount() {
        let before = openblas_get_num_threads()
        let inside = UnsafeMutablePointer<Int32>.allocate(capacity: 8)
        defer { inside.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            LinearSolve.withSingleThreadedBLAS {
                inside[i] = openblas_get_num_threads()
                usleep(UInt32(1000 * (i % 3)))
            }
        }
        XCTAssertEqual((0..<8).map { inside[$0] }, [Int32](repeating: 1, count: 8))
        XCTAssertEqual(openblas_get_num_threads(), before)
    }
}
