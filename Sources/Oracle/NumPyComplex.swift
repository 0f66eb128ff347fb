import DSP

/// Complex arithmetic written out as numpy's complex128 loops compute it, so the oracles
/// round as sigsep's scripts do (swift-numerics rescales divisions differently).
enum NumPyComplex {
    /// `a * b` with the textbook formula.
    @inline(__always)
    static func multiply(_ a: Complex<Double>, _ b: Complex<Double>) -> Complex<Double> {
        Complex(a.real * b.real - a.imaginary * b.imaginary, a.real * b.imaginary + a.imaginary * b.real)
    }

    /// `a * conj(b)`.
    @inline(__always)
    static func multiplyConjugate(_ a: Complex<Double>, _ b: Complex<Double>) -> Complex<Double> {
        Complex(a.real * b.real + a.imaginary * b.imaginary, a.imaginary * b.real - a.real * b.imaginary)
    }

    /// `a / b` by Smith's method with a reciprocal scale, numpy's complex division: it
    /// avoids the overflow of `|b|²` for large `b`.
    @inline(__always)
    static func divide(_ a: Complex<Double>, _ b: Complex<Double>) -> Complex<Double> {
        let br = b.real, bi = b.imaginary
        if abs(br) >= abs(bi) {
            if br == 0 && bi == 0 {
                return Complex(a.real / abs(br), a.imaginary / abs(br))
            }
            let ratio = bi / br
            let scale = 1.0 / (br + bi * ratio)
            return Complex((a.real + a.imaginary * ratio) * scale, (a.imaginary - a.real * ratio) * scale)
        }
        let ratio = br / bi
        let scale = 1.0 / (bi + br * ratio)
        return Complex((a.real * ratio + a.imaginary) * scale, (a.imaginary * ratio - a.real) * scale)
    }

    /// `z` stored into a complex64 array and read back: each part rounded to `Float`.
    @inline(__always)
    static func roundedToSingle(_ z: Complex<Double>) -> Complex<Double> {
        Complex(Double(Float(z.real)), Double(Float(z.imaginary)))
    }
}
