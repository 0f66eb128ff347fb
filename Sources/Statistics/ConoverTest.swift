/// Conover's post-hoc test of pairwise differences after a Kruskal–Wallis test, as
/// `scikit_posthocs.posthoc_conover` computes it with its defaults (no p-value adjustment,
/// groups sorted by name), which sigsep-mus-2018-analysis ran on the per-track median SDR
/// of the SiSEC 2018 methods.
///
/// All values are ranked together (ties averaged); with N values in k groups, rank sums Rᵢ
/// and sizes nᵢ, S² is the variance of the ranks (N(N + 1)/12 without ties), H the
/// Kruskal–Wallis statistic corrected for ties, and for groups i, j
/// t = |R̄ᵢ − R̄ⱼ| / √(S² (1/nᵢ + 1/nⱼ) (N − 1 − H)/(N − k)), p = P(|T| ≥ t) with N − k degrees
/// of freedom.
///
/// What it assumes: independent samples (the tracks of one method are not matched with the
/// other methods' tracks, although they are the same tracks: a paired test would have more
/// power), distributions of one shape that differ in location, and no correction for the
/// k(k − 1)/2 comparisons made.
public struct ConoverTest: Sendable {
    /// The group names, sorted (the rows and columns of `pValues`).
    public var groups: [String]
    /// Values per group after NaN was dropped.
    public var sizes: [Int]
    /// The tie-corrected Kruskal–Wallis statistic.
    public var h: Double
    /// `pValues[i][j]`: the two-sided p-value of groups i and j; 1 on the diagonal.
    public var pValues: [[Double]]

    /// The test of `samples` (group name → values; NaN values dropped, empty groups left out).
    public init(_ samples: [String: [Double]]) {
        let names = samples.keys.filter { samples[$0]?.contains { !$0.isNaN } ?? false }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let values = names.map { (samples[$0] ?? []).filter { !$0.isNaN } }
        groups = names
        sizes = values.map(\.count)
        let pooled = values.flatMap { $0 }
        let n = Double(pooled.count)
        let k = values.count
        let ranks = Ranks.average(pooled)
        var rankSums: [Double] = []
        var offset = 0
        for group in values {
            rankSums.append(ranks[offset..<(offset + group.count)].reduce(0, +))
            offset += group.count
        }
        let means = zip(rankSums, sizes).map { $0 / Double($1) }
        let ties = min(1, 1 - Ranks.tieSum(pooled) / (n * n * n - n))
        let squares = zip(rankSums, sizes).map { $0 * $0 / Double($1) }
        h = (12 / (n * (n + 1)) * NumPySum.sum(squares) - 3 * (n + 1)) / ties
        let s2 =
            ties == 1 ? n * (n + 1) / 12 : (NumPySum.sum(ranks.map { $0 * $0 }) - n * ((n + 1) * (n + 1) / 4)) / (n - 1)
        let d = (n - 1 - h) / (n - Double(k))
        var p = [[Double]](repeating: [Double](repeating: 1, count: k), count: k)
        for i in 0..<k {
            for j in (i + 1)..<max(i + 1, k) {
                let b = 1 / Double(sizes[i]) + 1 / Double(sizes[j])
                let t = abs(means[i] - means[j]) / (s2 * b * d).squareRoot()
                let value = StudentT.twoSidedPValue(t, degreesOfFreedom: n - Double(k))
                p[i][j] = value
                p[j][i] = value
            }
        }
        pValues = p
    }

    /// The p-value of groups `a` and `b`, if both are in the test.
    public func pValue(_ a: String, _ b: String) -> Double? {
        guard let i = groups.firstIndex(of: a), let j = groups.firstIndex(of: b) else { return nil }
        return pValues[i][j]
    }
}
