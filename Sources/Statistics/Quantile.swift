/// Quantiles as numpy's `np.percentile(x, q)` computes them with its default `linear` method
/// (Hyndman & Fan's type 7): the value at the virtual index (n − 1)·q of the sorted data,
/// interpolated between its two neighbours.
public enum Quantile {
    /// The `q`-quantile (0…1) of `sorted` (ascending, no NaN); NaN when empty.
    ///
    /// The interpolation is numpy's `_lerp`, to the last bit: `a + (b − a)·t` below t = 0.5,
    /// `b − (b − a)·(1 − t)` from 0.5 on. The two forms round differently, and using one
    /// everywhere would put quartiles an ulp away from matplotlib's.
    public static func linear(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let n = sorted.count
        let index = Double(n - 1) * q
        if index >= Double(n - 1) { return sorted[n - 1] }
        if index <= 0 { return sorted[0] }
        let lower = Int(index.rounded(.down))
        let t = index - Double(lower)
        let a = sorted[lower]
        let b = sorted[lower + 1]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
