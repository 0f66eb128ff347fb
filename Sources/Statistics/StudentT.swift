/// Student's t distribution with ν degrees of freedom.
public enum StudentT {
    /// P(|T| ≥ |t|), the two-sided p-value: I_{ν/(ν+t²)}(ν/2, 1/2).
    ///
    /// Computed as the tail itself, never as 1 − CDF: for the |t| of 15 and more that
    /// well-separated methods give, 1 − CDF would be 0 or rounding noise, while the tail is
    /// a number like 1e-45 known to full relative precision. x = ν/(ν + t²) and its
    /// complement t²/(ν + t²) are both formed directly (see `IncompleteBeta`).
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard !t.isNaN, nu > 0 else { return .nan }
        if t.isInfinite { return 0 }
        let square = t * t
        let x = nu / (nu + square)
        let complement = square / (nu + square)
        return IncompleteBeta.regularized(x, complement: complement, a: nu / 2, b: 0.5)
    }

    /// P(T ≥ t), the upper tail (scipy's `t.sf`): half the two-sided p-value for t ≥ 0.
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let half = twoSidedPValue(t, degreesOfFreedom: nu) / 2
        return t >= 0 ? half : 1 - half
    }
}
