import Foundation
import XCTest

@testable import Audio

final class ResamplingTests: XCTestCase {
    static func sine(frequency: Double, amplitude: Double, rate: Int, seconds: Double) -> AudioBuffer {
        let frames = Int(seconds * Double(rate))
        let samples = (0..<frames).map { amplitude * sin(2 * .pi * frequency * Double($0) / Double(rate)) }
        return AudioBuffer(sampleRate: rate, channels: [samples, samples.map { -$0 }])
    }

    /// The amplitude and phase of `frequency` in `x` by projection on sin/cos (a single DFT bin).
    static func tone(_ x: ArraySlice<Double>, frequency: Double, rate: Int) -> (amplitude: Double, residual: Double) {
        var s = 0.0, c = 0.0
        for (n, value) in zip(x.indices, x) {
            let phase = 2 * .pi * frequency * Double(n) / Double(rate)
            s += value * sin(phase)
            c += value * cos(phase)
        }
        let count = Double(x.count)
        let a = 2 * s / count, b = 2 * c / count
        var residual = 0.0
        for (n, value) in zip(x.indices, x) {
            let phase = 2 * .pi * frequency * Double(n) / Double(rate)
            let d = value - a * sin(phase) - b * cos(phase)
            residual += d * d
        }
        return ((a * a + b * b).squareRoot(), (residual / count).squareRoot())
    }

    func testSineThereAndBackKeepsFrequencyAndLevel() throws {
        let original = Self.sine(frequency: 997, amplitude: 0.5, rate: 44100, seconds: 1)
        let up = try original.resampled(to: 48000)
        XCTAssertEqual(up.sampleRate, 48000)
        XCTAssertEqual(up.frameCount, 48000)
        XCTAssertEqual(up.channelCount, 2)
        // At 48 kHz: still a 997 Hz tone of amplitude 0.5 (away from the edges).
        let upTone = Self.tone(up.channels[0][4800..<43200], frequency: 997, rate: 48000)
        XCTAssertEqual(upTone.amplitude, 0.5, accuracy: 0.5 * 0.001) // < 0.01 dB
        XCTAssertLessThan(upTone.residual, 1e-4) // nothing but that tone
        let back = try up.resampled(to: 44100)
        XCTAssertEqual(back.frameCount, original.frameCount)
        var worst = 0.0
        for f in 4410..<39690 { worst = max(worst, abs(back.channels[0][f] - original.channels[0][f])) }
        XCTAssertLessThan(worst, 1e-4)
        XCTAssertEqual(back.channels[1][22050], -back.channels[0][22050], accuracy: 1e-6)
    }

    func testQualitiesAndIdentity() throws {
        let original = Self.sine(frequency: 440, amplitude: 0.25, rate: 44100, seconds: 0.25)
        XCTAssertEqual(try original.resampled(to: 44100), original)
        for quality in ResamplingQuality.allCases {
            let down = try original.resampled(to: 22050, quality: quality)
            XCTAssertEqual(down.frameCount, Int((Double(original.frameCount) / 2).rounded()), quality.rawValue) // 5512.5 → 5513
            let level = Self.tone(down.channels[0][1000..<4500], frequency: 440, rate: 22050).amplitude
            XCTAssertEqual(level, 0.25, accuracy: 0.01, quality.rawValue)
        }
        XCTAssertThrowsError(try original.resampled(to: 0))
    }

    func testChannelConversion() {
        let stereo = AudioBuffer(sampleRate: 8000, channels: [[1, 0.5, -1], [0, 0.5, 1]])
        XCTAssertEqual(stereo.mixedToMono().channels, [[0.5, 0.5, 0]])
        XCTAssertEqual(stereo.duplicatedToStereo(), stereo)
        let mono = AudioBuffer(sampleRate: 8000, channels: [[0.25, -0.25]])
        XCTAssertEqual(mono.duplicatedToStereo().channels, [[0.25, -0.25], [0.25, -0.25]])
        XCTAssertEqual(mono.withChannelCount(1), mono)
        XCTAssertEqual(stereo.withChannelCount(1).channelCount, 1)
    }

    func testInterleavingAndArithmetic() {
        let buffer = AudioBuffer(sampleRate: 100, interleaved: [1, 2, 3, 4, 5, 6], channelCount: 2)
        XCTAssertEqual(buffer.channels, [[1, 3, 5], [2, 4, 6]])
        XCTAssertEqual(buffer.interleaved, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(buffer.frameCount, 3)
        XCTAssertEqual(buffer.duration, 0.03, accuracy: 1e-15)
        XCTAssertEqual(buffer.adding(buffer, gain: 0.5).channels, [[1.5, 4.5, 7.5], [3, 6, 9]])
        XCTAssertEqual(buffer.peak, 6)
        XCTAssertEqual(buffer.frames(1..<10).channels, [[3, 5], [4, 6]])
        let floats = AudioBuffer(sampleRate: 100, interleavedFloat: [0.5, -0.5], channelCount: 2)
        XCTAssertEqual(floats.floatChannels, [[0.5], [-0.5]])
        XCTAssertEqual(floats.interleavedFloat, [0.5, -0.5])
    }
}
