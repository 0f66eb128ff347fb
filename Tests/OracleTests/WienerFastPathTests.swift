import XCTest

@testable import Oracle

/// The stereo Wiener filter's register-only fast path against the plain array version.
final class WienerFastPathTests: XCTestCase {
    func testStereoFastPathGivesTheSameSamplesAsThePlainVersion() throws {
        let (mixture, sources) = SyntheticSignals.mixture(count: 12_000)
        for rounds in [true, false] {
            var plain = MultichannelWienerFilter(segmentLength: 1024, roundsGainToSinglePrecision: rounds)
            plain.usesStereoFastPath = false
            let fast = MultichannelWienerFilter(segmentLength: 1024, roundsGainToSinglePrecision: rounds)
            XCTAssertEqual(
                try fast.separate(mixture: mixture, sources: sources),
                try plain.separate(mixture: mixture, sources: sources))
        }
    }
}
