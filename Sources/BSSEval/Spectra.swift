import DSP

/// A fixed number of complex spectra of `bins` bins each, in one allocation, for the
/// inner loops (no per-frame allocation).
final class Spectra {
    let count: Int
    let bins: Int
    let base: UnsafeMutablePointer<Complex<Double>>

    init(count: Int, bins: Int) {
        self.count = count
        self.bins = bins
        base = .allocate(capacity: max(1, count * bins))
        base.initialize(repeating: .zero, count: max(1, count * bins))
    }

    deinit { base.deallocate() }

    @inline(__always) subscript(_ i: Int) -> UnsafeMutablePointer<Complex<Double>> { base + i * bins }

    func buffer(_ i: Int) -> UnsafeMutableBufferPointer<Complex<Double>> {
        UnsafeMutableBufferPointer(start: base + i * bins, count: bins)
    }

    func zero() { base.update(repeating: .zero, count: count * bins) }

    /// `acc += x · conj(y)` over all bins.
    @inline(__always)
    static func accumulateCorrelation(_ acc: UnsafeMutablePointer<Complex<Double>>,
                                      _ x: UnsafeMutablePointer<Complex<Double>>,
                                      _ y: UnsafeMutablePointer<Complex<Double>>, bins: Int) {
        for k in 0..<bins {
            let xr = x[k].real, xi = x[k].imaginary, yr = y[k].real, yi = y[k].imaginary
            acc[k] = Complex(acc[k].real + (xr * yr + xi * yi), acc[k].imaginary + (xi * yr - xr * yi))
        }
    }

    /// `acc += h · x` over all bins.
    @inline(__always)
    static func accumulateProduct(_ acc: UnsafeMutablePointer<Complex<Double>>,
                                  _ h: UnsafeMutablePointer<Complex<Double>>,
                                  _ x: UnsafeMutablePointer<Complex<Double>>, bins: Int) {
        for k in 0..<bins {
            let hr = h[k].real, hi = h[k].imaginary, xr = x[k].real, xi = x[k].imaginary
            acc[k] = Complex(acc[k].real + (hr * xr - hi * xi), acc[k].imaginary + (hr * xi + hi * xr))
        }
    }
}
