import CFFTW
import Numerics

/// Forward and inverse discrete Fourier transforms of real signals of one size, on FFTW.
///
/// A `RealFFT` owns aligned work buffers, so one instance must not be used from two
/// threads at once; make one per thread (cheap: plans are cached per size and shared).
/// Spectra hold the `size / 2 + 1` non-negative-frequency bins, as numpy's `rfft`.
///
/// The inverse is normalised (divided by `size`), so `inverse(forward(x)) == x` up to
/// rounding; FFTW itself leaves the transforms unnormalised.
public final class RealFFT {
    /// Number of points of the transform.
    public let size: Int
    /// Number of spectrum bins: `size / 2 + 1`.
    public let binCount: Int

    private let plans: FFTPlanCache.Plans
    private let realBuffer: UnsafeMutablePointer<Double>
    private let complexBuffer: UnsafeMutablePointer<fftw_complex>

    /// Makes a transform of `size` points (any positive size; FFTW is fastest for
    /// products of small primes).
    public init(size: Int) {
        precondition(size > 0, "RealFFT needs a positive size")
        self.size = size
        self.binCount = size / 2 + 1
        self.plans = FFTPlanCache.shared.plans(size: size)
        self.realBuffer = fftw_alloc_real(size)!
        self.complexBuffer = fftw_alloc_complex(binCount)!
    }

    deinit {
        fftw_free(realBuffer)
        fftw_free(complexBuffer)
    }

    /// The smallest size ≥ `minimum` whose only prime factors are 2, 3, 5 and 7, the
    /// sizes FFTW transforms fastest.
    public static func fastSize(atLeast minimum: Int) -> Int {
        var candidate = max(1, minimum)
        while true {
            var rest = candidate
            for prime in [2, 3, 5, 7] { while rest % prime == 0 { rest /= prime } }
            if rest == 1 { return candidate }
            candidate += 1
        }
    }

    /// Transforms `signal`, zero-padded to `size` (it must not be longer), into the
    /// `binCount` values of `spectrum`.
    public func forward(
        _ signal: UnsafeBufferPointer<Double>,
        into spectrum: UnsafeMutableBufferPointer<Complex<Double>>
    ) {
        precondition(signal.count <= size, "signal longer than the FFT size")
        precondition(spectrum.count >= binCount, "spectrum buffer too small")
        if let base = signal.baseAddress, signal.count > 0 {
            realBuffer.update(from: base, count: signal.count)
        }
        (realBuffer + signal.count).initialize(repeating: 0, count: size - signal.count)
        fftw_execute_dft_r2c(plans.forward, realBuffer, complexBuffer)
        UnsafeMutableRawPointer(spectrum.baseAddress!)
            .copyMemory(from: complexBuffer, byteCount: binCount * MemoryLayout<fftw_complex>.stride)
    }

    /// Inverse transform of `binCount` bins into `size` real samples, divided by `size`
    /// unless `normalized` is false. The imaginary parts of the DC and Nyquist bins are
    /// ignored, as for any real signal.
    public func inverse(
        _ spectrum: UnsafeBufferPointer<Complex<Double>>,
        into signal: UnsafeMutableBufferPointer<Double>,
        normalized: Bool = true
    ) {
        precondition(spectrum.count >= binCount, "spectrum has too few bins")
        precondition(signal.count >= size, "signal buffer too small")
        UnsafeMutableRawPointer(complexBuffer)
            .copyMemory(from: spectrum.baseAddress!, byteCount: binCount * MemoryLayout<fftw_complex>.stride)
        executeInverse(into: signal, normalized: normalized)
    }

    /// Runs the c2r plan on `complexBuffer` and writes the `size` samples, divided by `size`
    /// when `normalized`.
    private func executeInverse(into signal: UnsafeMutableBufferPointer<Double>, normalized: Bool) {
        fftw_execute_dft_c2r(plans.inverse, complexBuffer, realBuffer)
        let out = signal.baseAddress!
        if normalized {
            let scale = 1.0 / Double(size)
            for i in 0..<size { out[i] = realBuffer[i] * scale }
        } else {
            out.update(from: realBuffer, count: size)
        }
    }

    /// Transforms `signal` placed at sample `offset` of an otherwise zero frame of `size`
    /// samples (it must fit) into split real and imaginary parts, `binCount` of each.
    ///
    /// Split ("structure of arrays") spectra are what vectorised loops over many spectra
    /// want: several bins per SIMD register with no shuffling of interleaved (re, im) pairs.
    public func forward(
        _ signal: UnsafeBufferPointer<Double>, at offset: Int = 0,
        real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>
    ) {
        precondition(offset >= 0 && offset + signal.count <= size, "signal does not fit the FFT size")
        realBuffer.initialize(repeating: 0, count: offset)
        if let base = signal.baseAddress, signal.count > 0 {
            (realBuffer + offset).update(from: base, count: signal.count)
        }
        let end = offset + signal.count
        (realBuffer + end).initialize(repeating: 0, count: size - end)
        fftw_execute_dft_r2c(plans.forward, realBuffer, complexBuffer)
        let interleaved = UnsafeRawPointer(complexBuffer).assumingMemoryBound(to: Double.self)
        for k in 0..<binCount {
            real[k] = interleaved[2 * k]
            imaginary[k] = interleaved[2 * k + 1]
        }
    }

    /// Inverse transform of split real and imaginary parts (`binCount` each) into `size`
    /// real samples, normalised like `inverse(_:into:normalized:)`.
    public func inverse(
        real: UnsafePointer<Double>, imaginary: UnsafePointer<Double>,
        into signal: UnsafeMutableBufferPointer<Double>, normalized: Bool = true
    ) {
        precondition(signal.count >= size, "signal buffer too small")
        let interleaved = UnsafeMutableRawPointer(complexBuffer).assumingMemoryBound(to: Double.self)
        for k in 0..<binCount {
            interleaved[2 * k] = real[k]
            interleaved[2 * k + 1] = imaginary[k]
        }
        executeInverse(into: signal, normalized: normalized)
    }

    /// The spectrum of `signal` zero-padded to `size`.
    public func forward(_ signal: [Double]) -> [Complex<Double>] {
        [Complex<Double>](unsafeUninitializedCapacity: binCount) { buffer, count in
            signal.withUnsafeBufferPointer { forward($0, into: buffer) }
            count = binCount
        }
    }

    /// The `size` real samples whose spectrum is `spectrum` (normalised inverse).
    public func inverse(_ spectrum: [Complex<Double>], normalized: Bool = true) -> [Double] {
        [Double](unsafeUninitializedCapacity: size) { buffer, count in
            spectrum.withUnsafeBufferPointer { inverse($0, into: buffer, normalized: normalized) }
            count = size
        }
    }
}
