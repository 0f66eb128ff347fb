import Oracle
import XCTest

final class MultiResolutionIRMTests: XCTestCase {
    func testEachResolutionIsTheRatioMaskAtThatSizeAndSeparateAveragesThem() throws {
        let (mixture, sources) = SyntheticSignals.mixture(count: 9000)
        let oracle = MultiResolutionIRM(segmentLengths: [256, 1024], exponent: 2)
        let resolutions = try oracle.separateAtEachResolution(mixture: mixture, sources: sources)
        XCTAssertEqual(resolutions.map(\.segmentLength), [256, 1024])
        for resolution in resolutions {
            let direct = try IdealRatioMask(exponent: 2, segmentLength: resolution.segmentLength)
                .separate(mixture: mixture, sources: sources)
            XCTAssertEqual(resolution.estimates, direct)
        }
        let average = try oracle.separate(mixture: mixture, sources: sources)
        for j in sources.indices {
            for c in 0..<2 {
                for n in stride(from: 0, to: 9000, by: 97) {
                    let expected =
                        (resolutions[0].estimates[j].channels[c][n] + resolutions[1].estimates[j].channels[c][n]) / 2
                    XCTAssertEqual(average[j].channels[c][n], expected, accuracy: 1e-15)
                }
            }
        }
        XCTAssertThrowsError(try MultiResolutionIRM(segmentLengths: []).separate(mixture: mixture, sources: sources))
    }

    func testBestResolutionHasTheHighestMeanOfMedianSDRSkippingNaN() {
        let scores: [[[Double]]] = [
            [[1, 2, 3], [4, 5, 6]], // medians 2, 5: mean 3.5
            [[9, .nan, 1, 3], [2, 2, 2]], // medians 3 (of 1, 3, 9), 2: mean 2.5
            [[.nan, 8], [7, 6, 5, 4]] // medians 8, 5.5: mean 6.75
        ]
        XCTAssertEqual(MultiResolutionIRM.bestResolution(scores: scores), 2)
        XCTAssertEqual(MultiResolutionIRM.bestResolution(scores: [[[.nan]], [[1]], [[1]]]), 1)
        XCTAssertNil(MultiResolutionIRM.bestResolution(scores: [[[.nan]]]))
    }
}
