/// Ranks of pooled data, ties given the mean of the ranks they span (pandas' `rank()`, method
/// "average"), and the tie counts the rank tests correct for.
public enum Ranks {
    /// The 1-based average ranks of `values` (no NaN), in input order.
    public static func average(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            // Positions start…end (0-based) share the rank (start + 1 + end + 1) / 2.
            let rank = Double(start + end + 2) / 2
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// Σ (t³ − t) over the groups of t tied values (0 without ties).
    public static func tieSum(_ values: [Double]) -> Double {
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.values.reduce(0) { sum, count in
            let t = Double(count)
            return sum + (t * t * t - t)
        }
    }
}
