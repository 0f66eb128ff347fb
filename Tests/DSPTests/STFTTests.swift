import DSP
import XCTest

final class STFTTests: XCTestCase {
    private let signal: [Double] = (0..<10_000).map { (n: Int) -> Double in
        let t = Double(n)
        let low: Double = sin(t * 0.05)
        let high: Double = 0.3 * sin(t * 0.71)
        return low + high + 0.01 * Double(n % 17)
    }

    func testPerfectReconstructionCentered() {
        for (fftSize, hop) in [(1024, 256), (2048, 512), (512, 128), (4096, 1024)] {
            let spectrogram = stft(signal, fftSize: fftSize, hop: hop)
            let back = istft(spectrogram, length: signal.count)
            XCTAssertEqual(back.count, signal.count)
            let maxError = zip(signal, back).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(maxError, 1e-10, "n_fft \(fftSize), hop \(hop)")
        }
    }

    func testFrameCountAndPureToneBin() {
        // librosa: 1 + len // hop frames when centred.
        let spectrogram = stft(signal, fftSize: 1024, hop: 256)
        XCTAssertEqual(spectrogram.frameCount, 1 + signal.count / 256)
        let tone = (0..<8192).map { sin(2 * Double.pi * 64 * Double($0) / 1024) }
        let toneSpectrogram = stft(tone, fftSize: 1024, hop: 512)
        let frame = toneSpectrogram.frameCount / 2
        let magnitudes = (0..<toneSpectrogram.binCount).map { toneSpectrogram[frame, $0].length }
        XCTAssertEqual(magnitudes.firstIndex(of: magnitudes.max()!), 64)
        // A periodic Hann window of n points has sum n/2: a unit sine gives |X| = n/4.
        XCTAssertEqual(magnitudes[64], 256, accuracy: 1e-9)
    }

    func testUncenteredInteriorReconstruction() {
        let spectrogram = stft(signal, fftSize: 1024, hop: 256, center: false)
        XCTAssertEqual(spectrogram.frameCount, 1 + (signal.count - 1024) / 256)
        let back = istft(spectrogram, center: false)
        for i in 1024..<(back.count - 1024) { XCTAssertEqual(back[i], signal[i], accuracy: 1e-10) }
    }
}
