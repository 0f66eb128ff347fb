import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

final class SampleDatasetTests: XCTestCase {
    /// Every source has energy in every 1-second frame (museval's default window), the
    /// stems are stereo and differently panned, and nothing clips.
    func testEverySourceIsAudibleInEverySecond() throws {
        let dataset = SampleDataset(trainTrackCount: 2, testTrackCount: 1, seconds: 6)
        for index in 0..<3 {
            let stems = dataset.synthesizeTrack(index)
            var mixturePeak = 0
            for frame in 0..<6 {
                for source in Source.allCases {
                    let samples = stems[source]![(frame * 88200)..<((frame + 1) * 88200)]
                    let energy = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
                    let rms = (energy / Double(samples.count)).squareRoot() / 32768
                    XCTAssertGreaterThan(
                        rms, source == .vocals ? 1e-3 : 3e-3, "track \(index) \(source) second \(frame)")
                }
            }
            for i in 0..<stems[.vocals]!.count {
                mixturePeak = max(mixturePeak, abs(Source.allCases.reduce(0) { $0 + Int(stems[$1]![i]) }))
            }
            XCTAssertLessThanOrEqual(mixturePeak, Int(0.85 * 32768) + 4)
            XCTAssertGreaterThan(mixturePeak, 8000)
            // Panned differently: the left/right energy ratio differs per source.
            let ratios = Source.allCases.map { source -> Double in
                let samples = stems[source]!
                var left = 0.0, right = 0.0
                for f in 0..<(samples.count / 2) {
                    left += Double(samples[2 * f]) * Double(samples[2 * f])
                    right += Double(samples[2 * f + 1]) * Double(samples[2 * f + 1])
                }
                return (left / right * 100).rounded()
            }
            XCTAssertEqual(Set(ratios).count, 4, "\(ratios)")
        }
    }

    func testSameSeedSameSamplesOtherSeedOtherMusic() {
        let a = SampleDataset(trainTrackCount: 1, testTrackCount: 0, seconds: 1, seed: 7)
        let b = SampleDataset(trainTrackCount: 1, testTrackCount: 0, seconds: 1, seed: 8)
        XCTAssertEqual(a.synthesizeTrack(0), a.synthesizeTrack(0))
        XCTAssertNotEqual(a.synthesizeTrack(0)[.vocals], b.synthesizeTrack(0)[.vocals])
    }

    func testNamesHaveApostrophesAndAmpersandsAndSortedManifest() {
        let names = SampleDataset().trackNames.map(\.name)
        XCTAssertEqual(names.count, 6)
        XCTAssertEqual(Set(names).count, 6)
        XCTAssertTrue(names.contains { $0.contains("&") })
        XCTAssertTrue(names.contains { $0.contains("'") })
        XCTAssertTrue(names.allSatisfy { $0.contains(" - ") })
    }

    func testRefusesToOverwriteADataset() throws {
        let root = try TestData.temporaryDirectory(self)
        try SampleDataset(trainTrackCount: 1, testTrackCount: 0, seconds: 1).write(to: root)
        XCTAssertThrowsError(try SampleDataset(trainTrackCount: 1, testTrackCount: 0, seconds: 1).write(to: root)) {
            error in
            XCTAssertTrue("\(error)".contains("already holds a train folder"), "\(error)")
        }
    }

    func testPortableMathMatchesLibm() {
        for i in -2000...2000 {
            let x = Double(i) * 0.0137
            XCTAssertEqual(PortableMath.sin(x), sin(x), accuracy: 1e-14)
            XCTAssertEqual(PortableMath.exp(x * 0.1), exp(x * 0.1), accuracy: 1e-14 * exp(x * 0.1))
        }
    }
}
