import DSP
import XCTest

final class RealFFTTests: XCTestCase {
    /// The naive DFT, the oracle for FFTW's bins.
    private func naiveDFT(_ x: [Double], size: Int) -> [Complex<Double>] {
        (0..<(size / 2 + 1)).map { k in
            var sum = Complex<Double>.zero
            for (n, value) in x.enumerated() {
                let angle = -2 * Double.pi * Double(k * n % size) / Double(size)
                sum += Complex(value * cos(angle), value * sin(angle))
            }
            return sum
        }
    }

    func testForwardMatchesNaiveDFTWithZeroPadding() {
        for size in [1, 2, 7, 16, 45, 100] {
            let signal = (0..<max(1, size - 3)).map { sin(Double($0) * 0.7) + 0.1 * Double($0 % 5) }
            let fast = RealFFT(size: size).forward(signal)
            let slow = naiveDFT(signal, size: size)
            XCTAssertEqual(fast.count, size / 2 + 1)
            for (a, b) in zip(fast, slow) {
                XCTAssertEqual(a.real, b.real, accuracy: 1e-9, "size \(size)")
                XCTAssertEqual(a.imaginary, b.imaginary, accuracy: 1e-9, "size \(size)")
            }
        }
    }

    func testInverseRoundTrip() {
        let fft = RealFFT(size: 1000)
        let signal = (0..<1000).map { cos(Double($0) * 0.01) * Double($0 % 13) }
        let back = fft.inverse(fft.forward(signal))
        for (a, b) in zip(signal, back) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testConcurrentUseGivesIdenticalResults() {
        let signal = (0..<4096).map { sin(Double($0) * 0.123) }
        let expected = RealFFT(size: 4096).forward(signal)
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 64)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let size = 4096 + (i % 4) * 2 // several sizes planned concurrently
            let fft = RealFFT(size: size)
            let spectrum = fft.forward(signal)
            results[i] = size == 4096 ? spectrum == expected : spectrum.count == size / 2 + 1
        }
        XCTAssertTrue(results.allSatisfy { $0 })
    }

    func testFastSize() {
        XCTAssertEqual(RealFFT.fastSize(atLeast: 44100 + 511), 44800)
        XCTAssertEqual(RealFFT.fastSize(atLeast: 1), 1)
        XCTAssertEqual(RealFFT.fastSize(atLeast: 11), 12)
    }
}
