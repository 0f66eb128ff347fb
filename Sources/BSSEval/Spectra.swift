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

    /// `acc += x · conj(y)` over all bins. Written on the interleaved (re, im) doubles
    /// with SIMD2 lanes so the compiler keeps it vectorised.
    @inline(__always)
    static func accumulateCorrelation(_ acc: UnsafeMutablePointer<Complex<Double>>,
                                      _ x: UnsafeMutablePointer<Complex<Double>>,
                                      _ y: UnsafeMutablePointer<Complex<Double>>, bins: Int) {
        let a = UnsafeMutableRawPointer(acc).assumingMemoryBound(to: SIMD2<Double>.self)
        let xs = UnsafeRawPointer(x).assumingMemoryBound(to: SIMD2<Double>.self)
        let ys = UnsafeRawPointer(y).assumingMemoryBound(to: SIMD2<Double>.self)
        for k in 0..<bins {
            let xv = xs[k], yv = ys[k]
            // (xr·yr + xi·yi, xi·yr − xr·yi)
            let re = xv * yv                                   // (xr·yr, xi·yi)
            let cross = SIMD2(xv.y, xv.x) * yv                 // (xi·yr, xr·yi)
            a[k] = a[k] + SIMD2(re.x + re.y, cross.x - cross.y)
        }
    }

    /// `acc += h · x` over all bins (SIMD2 lanes on the interleaved doubles, as above).
    @inline(__always)
    static func accumulateProduct(_ acc: UnsafeMutablePointer<Complex<Double>>,
                                  _ h: UnsafeMutablePointer<Complex<Double>>,
                                  _ x: UnsafeMutablePointer<Complex<Double>>, bins: Int) {
        let a = UnsafeMutableRawPointer(acc).assumingMemoryBound(to: SIMD2<Double>.self)
        let hs = UnsafeRawPointer(h).assumingMemoryBound(to: SIMD2<Double>.self)
        let xs = UnsafeRawPointer(x).assumingMemoryBound(to: SIMD2<Double>.self)
        for k in 0..<bins {
            let hv = hs[k], xv = xs[k]
            // (hr·xr − hi·xi, hr·xi + hi·xr)
            let direct = hv * xv                               // (hr·xr, hi·xi)
            let cross = hv * SIMD2(xv.y, xv.x)                 // (hr·xi, hi·xr)
            a[k] = a[k] + SIMD2(direct.x - direct.y, cross.x + cross.y)
        }
    }
}
