/// How museval reduces many scores to one: over the frames of a track, then over tracks.
/// Both skip NaN values, as pandas' `groupby(...).median()` / `.mean()` (and numpy's
/// `nanmedian` / `nanmean`) do; no values left gives NaN.
public enum Aggregation: String, CaseIterable, Sendable, Hashable {
    case median
    case mean

    /// Aggregates `values`, skipping NaN.
    public func callAsFunction<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        switch self {
        case .median: return Self.nanMedian(values)
        case .mean: return Self.nanMean(values)
        }
    }

    /// The median of the non-NaN values: the middle one, or for an even count the mean of the
    /// two middle ones, `(a + b) / 2`, exactly as pandas' `median_linear` computes it.
    public static func nanMedian<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var kept = values.filter { !$0.isNaN }
        guard !kept.isEmpty else { return .nan }
        kept.sort()
        let middle = kept.count / 2
        return kept.count % 2 == 1 ? kept[middle] : (kept[middle - 1] + kept[middle]) / 2
    }

    /// Aggregates `values`, which must hold no NaN; may reorder them. This is the fast path
    /// the leaderboard uses: the median selects the middle element(s) in linear time
    /// (quickselect) instead of sorting; `nanMedian` is the plain version and its test oracle.
    public func aggregate(nonNaN values: inout [Double]) -> Double {
        switch self {
        case .median: return Self.medianBySelection(&values)
        case .mean: return Self.nanMean(values)
        }
    }

    /// The median of NaN-free `values` by quickselect (Hoare partition, median-of-three pivot).
    static func medianBySelection(_ values: inout [Double]) -> Double {
        let count = values.count
        guard count > 0 else { return .nan }
        let middle = count / 2
        return values.withUnsafeMutableBufferPointer { a in
            var low = 0
            var high = count - 1
            while high > low {
                // Median of three as pivot value, then Hoare partition of a[low...high].
                let mid = low + (high - low) / 2
                if a[mid] < a[low] { a.swapAt(mid, low) }
                if a[high] < a[low] { a.swapAt(high, low) }
                if a[high] < a[mid] { a.swapAt(high, mid) }
                let pivot = a[mid]
                var i = low
                var j = high
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now a[low...j] <= pivot <= a[i...high], and j < i.
                if middle <= j { high = j } else if middle >= i { low = i } else { break }
            }
            let upper = a[middle]
            guard count % 2 == 0 else { return upper }
            // Everything left of `middle` is <= a[middle]; the lower middle value is their maximum.
            var lower = a[0]
            for index in 1..<middle where a[index] > lower { lower = a[index] }
            return (lower + upper) / 2
        }
    }

    /// The mean of the non-NaN values in their given order. pandas' `group_mean` sums with
    /// Kahan compensation (so long sums do not lose the small terms) and resets the
    /// compensation when it turns NaN, which an infinite value causes; this does the same so
    /// the last bits agree too.
    public static func nanMean<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var sum = 0.0
        var compensation = 0.0
        var count = 0
        for value in values where !value.isNaN {
            count += 1
            let y = value - compensation
            let t = sum + y
            compensation = t - sum - y
            if compensation.isNaN { compensation = 0 }
            sum = t
        }
        return count == 0 ? .nan : sum / Double(count)
    }
}
