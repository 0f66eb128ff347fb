import Foundation

/// The regularized incomplete beta function I_x(a, b), for the tail probabilities of
/// Student's t distribution.
///
/// Evaluated by its continued fraction (modified Lentz), which converges quickly for
/// x < (a + 1)/(a + b + 2); beyond that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used.
/// The numerical trap is the complement: callers pass both x and 1 − x, computed without
/// cancellation from whatever x came from (for t: t²/(ν + t²), not 1 − ν/(ν + t²)), so a tiny
/// I near x → 0 and a tiny 1 − I near x → 1 keep their relative precision; a p-value of 1e-45
/// is computed as itself, never as 1 − (a number next to 1).
public enum IncompleteBeta {
    /// I_x(a, b) with `complement` = 1 − x given exactly; a, b > 0, 0 ≤ x ≤ 1.
    public static func regularized(_ x: Double, complement: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, complement >= 0, x.isFinite, complement.isFinite else { return .nan }
        if x == 0 { return 0 }
        if complement == 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return front(x, complement, a, b) * continuedFraction(x, a, b) / a
        }
        return 1 - front(complement, x, b, a) * continuedFraction(complement, b, a) / b
    }

    /// x^a (1 − x)^b / B(a, b), through logarithms (the powers alone under- or overflow).
    private static func front(_ x: Double, _ complement: Double, _ a: Double, _ b: Double) -> Double {
        exp(a * log(x) + b * log(complement) - logBeta(a, b))
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// The continued fraction 1 / (1 + d₁ / (1 + d₂ / (1 + …))) of I_x(a, b), with
    /// d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
    /// d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m)), by the modified Lentz method.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1.0 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < epsilon { break }
        }
        return result
    }
}
