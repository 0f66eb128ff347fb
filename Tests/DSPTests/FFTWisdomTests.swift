import XCTest

@testable import DSP

final class FFTWisdomTests: XCTestCase {
    /// The bundled plans must be the ones FFTW uses; if this fails after an FFTW upgrade,
    /// regenerate them with Scripts/make-fftw-wisdom.sh (results stay correct either way,
    /// the transforms are only slower).
    func testBundledWisdomCoversTheBSSEvalSizes() {
        for size in FFTWisdom.sizes {
            XCTAssertTrue(
                FFTPlanCache.shared.usesWisdom(size: size),
                "FFTW did not take the bundled wisdom for \(size) points: run Scripts/make-fftw-wisdom.sh")
        }
        XCTAssertFalse(FFTPlanCache.shared.usesWisdom(size: 8191), "an uncovered size must report no wisdom")
    }

    /// Wisdom-planned transforms are still the DFT, and the same bits on every call.
    func testWisdomPlansTransformCorrectly() {
        for size in FFTWisdom.sizes {
            let fft = RealFFT(size: size)
            let signal = (0..<(size - 700)).map { sin(Double($0) * 0.0123) + 0.25 * cos(Double($0) * 1.7) }
            let spectrum = fft.forward(signal)
            XCTAssertEqual(spectrum, fft.forward(signal))
            let back = fft.inverse(spectrum)
            for (a, b) in zip(signal, back) { XCTAssertEqual(a, b, accuracy: 1e-12) }
            XCTAssertTrue(back[(size - 700)...].allSatisfy { abs($0) < 1e-12 })
            // Bin k of a zero-padded signal, summed directly (a few bins: O(size) each).
            for k in [0, 1, 37, size / 4, size / 2] {
                var re = 0.0, im = 0.0
                for (n, x) in signal.enumerated() {
                    let angle = -2 * Double.pi * Double(k * n % size) / Double(size)
                    re += x * cos(angle)
                    im += x * sin(angle)
                }
                XCTAssertEqual(spectrum[k].real, re, accuracy: 1e-8, "size \(size), bin \(k)")
                XCTAssertEqual(spectrum[k].imaginary, im, accuracy: 1e-8, "size \(size), bin \(k)")
            }
        }
    }
}
