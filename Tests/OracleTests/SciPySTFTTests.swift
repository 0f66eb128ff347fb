import DSP
import Foundation
import TestSupport
import XCTest

/// `SciPySTFT` against `scipy.signal.stft` / `istft` (Fixtures/oracle/scipy_stft.json).
final class SciPySTFTTests: XCTestCase {
    struct Golden: Decodable {
        struct Case: Decodable {
            let count: Int
            let segmentLength: Int
            let overlap: Int
            let bins: Int
            let frames: Int
            let real: [Double]
            let imaginary: [Double]
            let inverseOfScaled: [Double]
        }
        let cases: [Case]
    }

    /// The golden's signal, same formula as Scripts/goldens/oracle_goldens.py.
    static func signal(count: Int) -> [Double] {
        (0..<count).map { i in
            let n = Double(i)
            return sin(0.05 * n) + 0.5 * cos(0.31 * n + 0.2) + 0.25 * sin(0.0007 * n * n)
        }
    }

    func testForwardAndInverseMatchSciPy() throws {
        let url = TestData.fixtures.appendingPathComponent("oracle/scipy_stft.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        XCTAssertEqual(golden.cases.count, 5)
        for test in golden.cases {
            let label = "count \(test.count), nperseg \(test.segmentLength), noverlap \(test.overlap)"
            let transform = SciPySTFT(segmentLength: test.segmentLength, overlap: test.overlap)
            XCTAssertEqual(transform.binCount, test.bins, label)
            XCTAssertEqual(transform.frameCount(sampleCount: test.count), test.frames, label)
            var spectrogram = transform.forward(Self.signal(count: test.count))
            XCTAssertEqual(spectrogram.frameCount, test.frames, label)
            let scale = test.real.map(abs).max()!
            for k in spectrogram.values.indices {
                XCTAssertEqual(spectrogram.values[k].real, test.real[k], accuracy: 1e-13 * scale, "\(label) [\(k)]")
                XCTAssertEqual(
                    spectrogram.values[k].imaginary, test.imaginary[k], accuracy: 1e-13 * scale, "\(label) [\(k)]")
            }
            // The inverse of a modified spectrogram exercises istft's least-squares averaging.
            for t in 0..<spectrogram.frameCount {
                for f in 0..<spectrogram.binCount {
                    let gain = 1 / (1 + Double(f + t) * 0.01)
                    let z = spectrogram[t, f]
                    spectrogram[t, f] = Complex(z.real * gain, z.imaginary * gain)
                }
            }
            let inverse = transform.inverse(spectrogram)
            XCTAssertEqual(inverse.count, test.inverseOfScaled.count, label)
            XCTAssertEqual(inverse.count, transform.outputCount(frameCount: test.frames), label)
            for n in inverse.indices {
                XCTAssertEqual(inverse[n], test.inverseOfScaled[n], accuracy: 1e-13, "\(label) sample \(n)")
            }
        }
    }

    func testInverseOfForwardIsTheSignalPlusZeroPadding() {
        for (count, length, overlap) in [(5000, 2048, 1024), (777, 256, 192), (4096, 512, 256)] {
            let transform = SciPySTFT(segmentLength: length, overlap: overlap)
            let signal = Self.signal(count: count)
            let back = transform.inverse(transform.forward(signal))
            XCTAssertGreaterThanOrEqual(back.count, count)
            for n in 0..<count { XCTAssertEqual(back[n], signal[n], accuracy: 1e-12) }
            for n in count..<back.count { XCTAssertEqual(back[n], 0, accuracy: 1e-12) }
        }
    }
}
