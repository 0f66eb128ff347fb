/// What a box of a boxplot shows, computed as matplotlib's `cbook.boxplot_stats(x, whis=1.5)`
/// (which `plt.boxplot` draws, and SiSEC 2018's figures used): quartiles by linear
/// interpolation (`Quantile.linear`), whiskers at the most extreme data within 1.5 × IQR of
/// the box, every other value a flier, and the notch interval median ± 1.57 · IQR / √n.
public struct BoxplotStatistics: Hashable, Sendable {
    /// Values summarised (NaN dropped).
    public var count: Int
    /// The arithmetic mean (numpy's pairwise sum, `NumPySum`).
    public var mean: Double
    public var median: Double
    /// First and third quartiles.
    public var q1: Double
    public var q3: Double
    /// q3 − q1.
    public var iqr: Double
    /// The lowest value ≥ q1 − 1.5·IQR (q1 when that value would lie inside the box).
    public var whiskerLow: Double
    /// The highest value ≤ q3 + 1.5·IQR (q3 when that value would lie inside the box).
    public var whiskerHigh: Double
    /// Values beyond the whiskers: those below first, then those above, each in input order.
    public var fliers: [Double]
    /// The notch: median ∓ 1.57 · IQR / √n (McGill et al. 1978).
    public var notchLow: Double
    public var notchHigh: Double

    /// The statistics of `values` with whiskers at `whisker` × IQR; NaN values are dropped
    /// first (matplotlib keeps them and gets NaN everywhere). No values: every figure NaN.
    public init(_ values: [Double], whisker: Double = 1.5) {
        let x = values.filter { !$0.isNaN }
        count = x.count
        guard !x.isEmpty else {
            mean = .nan; median = .nan; q1 = .nan; q3 = .nan; iqr = .nan
            whiskerLow = .nan; whiskerHigh = .nan; fliers = []; notchLow = .nan; notchHigh = .nan
            return
        }
        let sorted = x.sorted()
        let first = Quantile.linear(sorted, 0.25)
        let third = Quantile.linear(sorted, 0.75)
        let range = third - first
        mean = NumPySum.mean(x)
        q1 = first
        median = Quantile.linear(sorted, 0.5)
        q3 = third
        iqr = range
        let spread = 1.57 * range / Double(x.count).squareRoot()
        notchLow = median - spread
        notchHigh = median + spread
        let lowLimit = first - whisker * range
        let highLimit = third + whisker * range
        let highest = x.filter { $0 <= highLimit }.max()
        let high = highest.map { $0 < third ? third : $0 } ?? third
        let lowest = x.filter { $0 >= lowLimit }.min()
        let low = lowest.map { $0 > first ? first : $0 } ?? first
        whiskerHigh = high
        whiskerLow = low
        fliers = x.filter { $0 < low } + x.filter { $0 > high }
    }
}
