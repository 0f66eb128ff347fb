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
