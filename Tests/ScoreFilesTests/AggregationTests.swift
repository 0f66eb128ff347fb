import XCTest

@testable import ScoreFiles

final class AggregationTests: XCTestCase {
    func testMedianSkipsNaNAndAveragesTheMiddlePair() {
        XCTAssertEqual(Aggregation.median([3, .nan, 1, 2]), 2)
        XCTAssertEqual(Aggregation.median([4, .nan, 1, 3, 2]), 2.5)
        XCTAssertEqual(Aggregation.median([.infinity, 1]), .infinity)
        XCTAssertTrue(Aggregation.median([.nan, .nan]).isNaN)
        XCTAssertTrue(Aggregation.median([]).isNaN)
    }

    /// The quickselect median against the plain sorting one, on many sizes, ties and infinities.
    func testSelectionMedianEqualsSortingMedian() {
        var generator = SystemRandomNumberGenerator()
        for count in Array(0...40) + [255, 256, 1001] {
            for _ in 0..<20 {
                let values: [Double] = (0..<count).map { _ in
                    switch Int.random(in: 0..<10, using: &generator) {
                    case 0: return .infinity
                    case 1: return -.infinity
                    case 2, 3: return Double(Int.random(in: -3...3, using: &generator))
                    default: return Double.random(in: -50...50, using: &generator)
                    }
                }
                var scratch = values
                let fast = Aggregation.median.aggregate(nonNaN: &scratch)
                let plain = Aggregation.nanMedian(values)
                XCTAssertTrue(fast == plain || (fast.isNaN && plain.isNaN), "\(values): \(fast) vs \(plain)")
            }
        }
    }

    func testMeanSkipsNaNWithCompensatedSum() {
        XCTAssertEqual(Aggregation.mean([1, .nan, 2]), 1.5)
        XCTAssertTrue(Aggregation.mean([.nan]).isNaN)
        XCTAssertEqual(Aggregation.mean([.infinity, 1]), .infinity)
        // Kahan summation keeps the small terms a plain sum loses.
        let values = [1e16] + Array(repeating: 1.0, count: 10) + [-1e16]
        XCTAssertEqual(Aggregation.mean(values), 10.0 / 12.0)
    }

    func testMethodAggregatesSkipNaNTracksAndCountFrames() {
        func track(_ name: String, _ sdr: [Double]) -> TrackScores {
            TrackScores(track: name, targets: [TargetScores(name: "vocals", sdr: sdr, sir: sdr, sar: sdr, isr: sdr)])
        }
        let method = MethodScores(
            name: "M", tracks: [track("a", [1, 2, .nan]), track("b", [.nan, .nan]), track("c", [5, 7])])
        let sdr = method.aggregates().first { $0.target == "vocals" && $0.metric == .sdr }!
        XCTAssertEqual(sdr.value, (1.5 + 6) / 2)
        XCTAssertEqual(sdr.trackCount, 3)
        XCTAssertEqual(sdr.scoredTrackCount, 2)
        XCTAssertEqual(sdr.frameCount, 7)
        XCTAssertEqual(sdr.nanFrameCount, 3)
        let mean = method.aggregates(frames: .mean, tracks: .mean).first { $0.metric == .sdr }!
        XCTAssertEqual(mean.value, (1.5 + 6) / 2)
        XCTAssertEqual(method.trackAggregates()["vocals"]?[.sdr]?.count, 3)
    }
}
