/// Maximum-weight perfect matching of a square matrix (the Hungarian algorithm with
/// potentials, O(n³)), used for the permutation search instead of museval's n!
/// enumeration: the objective, the mean SIR over sources, is a sum over
/// (reference, estimate) pairs.
enum LinearAssignment {
    /// `result[i]` is the column matched with row `i`, maximising Σ weights[i][result[i]].
    /// Among optimal assignments (ties up to a relative 1e-12) the lexicographically first
    /// is returned, as museval's `argmax` over `itertools.permutations` does; that
    /// refinement is O(n⁵) and done for n ≤ 16 (beyond, any optimum is returned).
    /// `+infinity` entries: every assignment using one has mean +∞ in museval, so the
    /// lexicographically first such assignment wins.
    static func maximize(_ weights: [[Double]]) -> [Int] {
        let n = weights.count
        if n == 0 { return [] }
        // +∞ entries dominate: museval's mean is +∞ for any permutation using one.
        var firstWithInfinity: [Int]? = nil
        for i in 0..<n {
            for j in 0..<n where weights[i][j] == .infinity {
                let candidate = lexicographicallyFirst(n: n, fixing: (i, j))
                if firstWithInfinity == nil || candidate.lexicographicallyPrecedes(firstWithInfinity!) {
                    firstWithInfinity = candidate
                }
            }
        }
        if let best = firstWithInfinity { return best }
        let w = weights.map { $0.map { $0.isFinite ? $0 : -1e300 } }
        let optimum = solve(w, fixed: [])
        guard n <= 16 else { return optimum.assignment }
        let target = optimum.value
        let tolerance = 1e-12 * max(1, abs(target))
        var fixed: [(Int, Int)] = []
        var used = Set<Int>()
        for i in 0..<n {
            for j in 0..<n where !used.contains(j) {
                let trial = solve(w, fixed: fixed + [(i, j)])
                if trial.value >= target - tolerance {
                    fixed.append((i, j))
                    used.insert(j)
                    break
                }
            }
        }
        return fixed.count == n ? fixed.map { $0.1 } : optimum.assignment
    }

    /// The lexicographically first permutation with `perm[fix.0] == fix.1`.
    private static func lexicographicallyFirst(n: Int, fixing fix: (Int, Int)) -> [Int] {
        var free = (0..<n).filter { $0 != fix.1 }
        var perm = [Int](repeating: 0, count: n)
        for i in 0..<n {
            if i == fix.0 { perm[i] = fix.1 } else { perm[i] = free.removeFirst() }
        }
        return perm
    }

    /// Best assignment with some (row, column) pairs forced.
    private static func solve(_ w: [[Double]], fixed: [(Int, Int)]) -> (assignment: [Int], value: Double) {
        let n = w.count
        let fixedRows = Dictionary(uniqueKeysWithValues: fixed)
        let fixedCols = Set(fixed.map { $0.1 })
        let rows = (0..<n).filter { fixedRows[$0] == nil }
        let cols = (0..<n).filter { !fixedCols.contains($0) }
        var assignment = [Int](repeating: -1, count: n)
        var value = 0.0
        for (r, c) in fixed { assignment[r] = c; value += w[r][c] }
        let m = rows.count
        if m > 0 {
            // Minimise cost = −weight with the classic potentials formulation (1-based).
            let inf = Double.infinity
            var u = [Double](repeating: 0, count: m + 1), v = [Double](repeating: 0, count: m + 1)
            var p = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
            for i in 1...m {
                p[0] = i
                var j0 = 0
                var minv = [Double](repeating: inf, count: m + 1)
                var usedCol = [Bool](repeating: false, count: m + 1)
                repeat {
                    usedCol[j0] = true
                    let i0 = p[j0]
                    var delta = inf, j1 = 0
                    for j in 1...m where !usedCol[j] {
                        let cur = -w[rows[i0 - 1]][cols[j - 1]] - u[i0] - v[j]
                        if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                        if minv[j] < delta { delta = minv[j]; j1 = j }
                    }
                    for j in 0...m {
                        if usedCol[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                    }
                    j0 = j1
                } while p[j0] != 0
                repeat {
                    let j1 = way[j0]
                    p[j0] = p[j1]
                    j0 = j1
                } while j0 != 0
            }
            for j in 1...m {
                let r = rows[p[j] - 1], c = cols[j - 1]
                assignment[r] = c
                value += w[r][c]
            }
        }
        return (assignment, value)
    }
}
