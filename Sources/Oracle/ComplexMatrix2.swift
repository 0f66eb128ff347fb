import DSP

/// A 2 × 2 complex matrix in four stored values, for the stereo Wiener filter's per-cell
/// algebra without array allocations or bounds checks (the generic path uses arrays).
struct ComplexMatrix2 {
    var m00, m01, m10, m11: Complex<Double>

    static let zero = ComplexMatrix2(m00: .zero, m01: .zero, m10: .zero, m11: .zero)

    /// Reads the row-major values at `offset` of `values`.
    @inline(__always)
    init(_ values: UnsafeBufferPointer<Complex<Double>>, at offset: Int) {
        m00 = values[offset]; m01 = values[offset + 1]; m10 = values[offset + 2]; m11 = values[offset + 3]
    }

    @inline(__always)
    init(m00: Complex<Double>, m01: Complex<Double>, m10: Complex<Double>, m11: Complex<Double>) {
        self.m00 = m00; self.m01 = m01; self.m10 = m10; self.m11 = m11
    }

    /// `self + weight · other`, the weight multiplying each part (a real times a complex,
    /// as numpy's float × complex does).
    @inline(__always)
    func adding(_ other: ComplexMatrix2, weightedBy weight: Double) -> ComplexMatrix2 {
        ComplexMatrix2(
            m00: m00 + Complex(weight * other.m00.real, weight * other.m00.imaginary),
            m01: m01 + Complex(weight * other.m01.real, weight * other.m01.imaginary),
            m10: m10 + Complex(weight * other.m10.real, weight * other.m10.imaginary),
            m11: m11 + Complex(weight * other.m11.real, weight * other.m11.imaginary))
    }

    /// The inverse by the explicit formula with ε added to the determinant, operation for
    /// operation as `MultichannelWienerFilter.invert(_:order:into:)` (and the reference).
    @inline(__always)
    func regularisedInverse(epsilon: Double) -> ComplexMatrix2 {
        let determinant = Complex(epsilon, 0) + NumPyComplex.multiply(m00, m11) - NumPyComplex.multiply(m01, m10)
        let inverseDeterminant = NumPyComplex.divide(Complex(1, 0), determinant)
        let negative = -inverseDeterminant
        return ComplexMatrix2(
            m00: NumPyComplex.multiply(inverseDeterminant, m11),
            m01: NumPyComplex.multiply(negative, m01),
            m10: NumPyComplex.multiply(negative, m10),
            m11: NumPyComplex.multiply(inverseDeterminant, m00))
    }
}
