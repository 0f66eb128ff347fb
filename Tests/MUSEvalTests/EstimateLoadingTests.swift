import Audio
import Foundation
import TestSupport
import XCTest

@testable import MUSEval

/// `EstimateLoading.load` shapes most files while reading them; the plain version,
/// `adjust` on the whole file, is its oracle: same samples, adjustments and errors.
final class EstimateLoadingTests: XCTestCase {
    func testLoadEqualsAdjustingTheWholeFile() throws {
        let temp = try TestData.temporaryDirectory(self)
        let frames = 2 * AudioFile.blockFrames + 321
        func tone(_ c: Int, _ n: Int) -> [Double] {
            (0..<n).map { (f: Int) -> Double in sin(Double(f * (c + 2)) * 0.01) * 0.5 }
        }
        let cases: [(name: String, audio: AudioBuffer)] = [
            ("same", AudioBuffer(sampleRate: 44100, channels: [tone(0, frames), tone(1, frames)])),
            ("padded", AudioBuffer(sampleRate: 44100, channels: [tone(0, frames - 777), tone(1, frames - 777)])),
            ("truncated", AudioBuffer(sampleRate: 44100, channels: [tone(0, frames + 5), tone(1, frames + 5)])),
            ("mono", AudioBuffer(sampleRate: 44100, channels: [tone(0, frames)])),
            ("mono-padded", AudioBuffer(sampleRate: 44100, channels: [tone(0, 1001)])),
            ("resampled", AudioBuffer(sampleRate: 22050, channels: [tone(0, frames / 2 + 3), tone(1, frames / 2 + 3)])),
            ("resampled-mono", AudioBuffer(sampleRate: 32000, channels: [tone(0, 5000)])),
            ("three", AudioBuffer(sampleRate: 44100, channels: [tone(0, 10), tone(1, 10), tone(2, 10)]))
        ]
        for (name, audio) in cases {
            let url = temp.appendingPathComponent(name + ".wav")
            try AudioFile.write(audio, to: url, format: .wavFloat32)
            let plain = Result {
                try EstimateLoading.adjust(
                    AudioFile.read(url), from: url, sampleRate: 44100,
                    channelCount: 2, frameCount: frames)
            }
            let loaded = Result {
                try EstimateLoading.load(url, sampleRate: 44100, channelCount: 2, frameCount: frames)
            }
            switch (plain, loaded) {
            case let (.success(a), .success(b)):
                XCTAssertEqual(a.0, b.0, name)
                XCTAssertEqual(a.1, b.1, name)
                XCTAssertEqual(b.0.frameCount, frames, name)
            case let (.failure(a), .failure(b)):
                XCTAssertEqual(a as? TrackEvaluationError, b as? TrackEvaluationError, name)
            default:
                XCTFail("\(name): \(plain) vs \(loaded)")
            }
        }
    }

    /// A NaN in the part that is cut off is still refused, as museval's reader would see it.
    func testNonFiniteSamplesInACutTailAreRefused() throws {
        let temp = try TestData.temporaryDirectory(self)
        var samples = [Double](repeating: 0.125, count: AudioFile.blockFrames + 50)
        samples[AudioFile.blockFrames + 40] = .nan
        let url = temp.appendingPathComponent("vocals.wav")
        try NonFiniteWAV.write(AudioBuffer(sampleRate: 44100, channels: [samples]), to: url)
        XCTAssertThrowsError(try EstimateLoading.load(url, sampleRate: 44100, channelCount: 2, frameCount: 100)) {
            XCTAssertEqual($0 as? TrackEvaluationError, .nonFinite(url, count: 1))
        }
    }
}
