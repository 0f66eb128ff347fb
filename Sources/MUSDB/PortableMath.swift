/// `sin` and `exp` from additions and multiplications only.
///
/// Why: libm implementations may differ in the last bit between machines, and one bit
/// can flip a 16-bit rounding; the synthetic dataset must be byte-identical everywhere.
/// IEEE-754 `+`/`*` are exactly reproducible, so these polynomials are. Accuracy (~1e-15
/// absolute) is far below the 16-bit quantisation step.
enum PortableMath {
    static let twoPi = 6.283185307179586

    /// sin(x): reduce to [-π, π], fold to [-π/2, π/2], odd Taylor polynomial to x²³.
    static func sin(_ x: Double) -> Double {
        var r = x - twoPi * (x / twoPi).rounded()
        let halfPi = 1.5707963267948966
        if r > halfPi { r = 3.141592653589793 - r } else if r < -halfPi { r = -3.141592653589793 - r }
        let r2 = r * r
        var term = r, sum = r
        var n = 1.0
        for _ in 0..<11 {
            term *= -r2 / ((n + 1) * (n + 2))
            sum += term
            n += 2
        }
        return sum
    }

    /// exp(x) for |x| < 700: x = k·ln2 + r with |r| ≤ ln2/2, Taylor series of e^r, times 2^k.
    static func exp(_ x: Double) -> Double {
        if x < -700 { return 0 }
        let ln2 = 0.6931471805599453
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0, sum = 1.0
        for i in 1...18 {
            term *= r / Double(i)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }
}
