import DSP

/// A fixed number of complex spectra in split layout: for spectrum `i`, its real parts at
/// `real(i)` and its imaginary parts at `imaginary(i)`, one 64-byte-aligned allocation,
/// each row padded with zeros to a multiple of eight doubles.
///
/// The kernels below walk eight bins per `SIMD8<Double>` with no shuffles (interleaved
/// (re, im) pairs cost a shuffle per complex product). The zero padding is part of the
/// contract: products and sums of zero rows stay zero, so the kernels run over whole
/// vectors with no scalar tail, and padded bins add nothing to any energy.
final class SplitSpectra {
    typealias Vector = SIMD8<Double>
    /// Bins per vector.
    static let lanes = Vector.scalarCount

    let count: Int
    let bins: Int
    /// Doubles per row (real or imaginary part of one spectrum): `bins` rounded up to 8.
    let stride: Int
    private let buffer: MappedBuffer<Double>
    private let base: UnsafeMutablePointer<Double>

    /// Rows of `bins` bins, all zero.
    ///
    /// Sets from `mappingThreshold` bytes on (the filter spectra, the accumulators, a batch
    /// of frame spectra: tens of MB) are mapped memory (`MappedBuffer`), offered to
    /// transparent huge pages unless `hugePages` is false: a tile loop touching a few
    /// hundred rows at once would otherwise thrash the TLB. Buffers that are faulted in
    /// ahead of use (`prefault`, on an idle core) pass false, since an occasional huge-page
    /// fault can stall far longer than the steady cost of 4 kB faults.
    init(count: Int, bins: Int, hugePages: Bool = true) {
        self.count = count
        self.bins = bins
        stride = (bins + 7) / 8 * 8
        buffer = MappedBuffer(
            count: max(8, 2 * count * stride), hugePages: hugePages,
            minimumMappedBytes: Self.mappingThreshold)
        base = buffer.pointer
    }

    /// Sizes in bytes from which `init` maps memory instead of allocating it.
    static let mappingThreshold = 1 << 21

    /// Touches every page now, so the page faults happen here rather than in the first
    /// loop that writes the rows: callers do this on an idle core. Contents stay zero.
    func prefault() {
        buffer.zero()
    }

    /// Sets every row to zero again.
    func clear() {
        buffer.zero()
    }

    /// Number of SIMD vectors per row.
    var vectorCount: Int { stride / Self.lanes }

    @inline(__always) func real(_ i: Int) -> UnsafeMutablePointer<Double> {
        base + 2 * i * stride
    }

    @inline(__always) func imaginary(_ i: Int) -> UnsafeMutablePointer<Double> {
        base + (2 * i + 1) * stride
    }

    /// Row `i` seen as vectors, from bin `offset` (a multiple of `lanes`).
    @inline(__always) func vectors(_ i: Int, from offset: Int = 0) -> (
        re: UnsafeMutablePointer<Vector>, im: UnsafeMutablePointer<Vector>
    ) {
        (
            UnsafeMutableRawPointer(real(i) + offset).assumingMemoryBound(to: Vector.self),
            UnsafeMutableRawPointer(imaginary(i) + offset).assumingMemoryBound(to: Vector.self)
        )
    }

    /// Transforms `samples` placed at `offset` of a zero frame into spectrum `i`.
    func transform(_ fft: RealFFT, _ samples: UnsafeBufferPointer<Double>, at offset: Int = 0, into i: Int) {
        fft.forward(samples, at: offset, real: real(i), imaginary: imaginary(i))
    }

    typealias Row = (re: UnsafeMutablePointer<Vector>, im: UnsafeMutablePointer<Vector>)

    /// `acc += x · conj(y)` over `vectors` vectors (`lanes` bins each).
    @inline(__always)
    static func accumulateCorrelation(_ acc: Row, _ x: Row, _ y: Row, vectors: Int) {
        for v in 0..<vectors {
            let xr = x.re[v], xi = x.im[v], yr = y.re[v], yi = y.im[v]
            acc.re[v] += xr * yr + xi * yi
            acc.im[v] += xi * yr - xr * yi
        }
    }

    /// `acc += x₁ · conj(y₁) + x₂ · conj(y₂)`: two blocks in one sweep of the accumulator.
    @inline(__always)
    static func accumulateCorrelations(_ acc: Row, _ x1: Row, _ y1: Row, _ x2: Row, _ y2: Row, vectors: Int) {
        for v in 0..<vectors {
            let ar = x1.re[v], ai = x1.im[v], br = y1.re[v], bi = y1.im[v]
            let cr = x2.re[v], ci = x2.im[v], dr = y2.re[v], di = y2.im[v]
            acc.re[v] += (ar * br + ai * bi) + (cr * dr + ci * di)
            acc.im[v] += (ai * br - ar * bi) + (ci * dr - cr * di)
        }
    }

    /// The two-block update for two rows at once: `accP += xP₁·conj(y₁) + xP₂·conj(y₂)` and
    /// `accQ += xQ₁·conj(y₁) + xQ₂·conj(y₂)`. Register blocking: each vector of y is loaded
    /// once for both rows, so the y spectra (which stream from L3) are read half as often;
    /// every sum is formed exactly as `accumulateCorrelations` forms it.
    @inline(__always)
    static func accumulateCorrelations(
        _ accP: Row, _ accQ: Row, _ xP1: Row, _ xP2: Row, _ xQ1: Row, _ xQ2: Row,
        _ y1: Row, _ y2: Row, vectors: Int
    ) {
        for v in 0..<vectors {
            let br = y1.re[v], bi = y1.im[v], dr = y2.re[v], di = y2.im[v]
            var ar = xP1.re[v], ai = xP1.im[v], cr = xP2.re[v], ci = xP2.im[v]
            accP.re[v] += (ar * br + ai * bi) + (cr * dr + ci * di)
            accP.im[v] += (ai * br - ar * bi) + (ci * dr - cr * di)
            ar = xQ1.re[v]; ai = xQ1.im[v]; cr = xQ2.re[v]; ci = xQ2.im[v]
            accQ.re[v] += (ar * br + ai * bi) + (cr * dr + ci * di)
            accQ.im[v] += (ai * br - ar * bi) + (ci * dr - cr * di)
        }
    }

    /// `out = Σₜ hₜ · xₜ` over `vectors` vectors, for the `count` (h, x) rows of `terms`.
    ///
    /// The sum lives in registers for the whole loop over terms, so `out` is written once
    /// instead of read and written once per term; the terms are added in order.
    @inline(__always)
    static func sumOfProducts(_ out: Row, _ terms: UnsafePointer<(h: Row, x: Row)>, count: Int, vectors: Int) {
        for v in 0..<vectors {
            var re = Vector(), im = Vector()
            for t in 0..<count {
                let h = terms[t].h, x = terms[t].x
                let hr = h.re[v], hi = h.im[v], xr = x.re[v], xi = x.im[v]
                re += hr * xr - hi * xi
                im += hr * xi + hi * xr
            }
            out.re[v] = re
            out.im[v] = im
        }
    }
}
