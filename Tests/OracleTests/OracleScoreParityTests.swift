import BSSEval
import Oracle
import TestSupport
import XCTest

/// museval's scores of our estimates against museval's scores of the reference scripts'
/// estimates (the goldens), every metric of every frame within 0.01 dB.
final class OracleScoreParityTests: XCTestCase {
    static let toleranceDB = 0.01

    func testScoresMatchMusevalOfTheReferenceEstimates() throws {
        let track = try SampleTrack.load()
        let methods: [(String, OracleSeparator)] = [
            ("irm1", IdealRatioMask(exponent: 1)), ("irm2", IdealRatioMask(exponent: 2)),
            ("ibm1", IdealBinaryMask(exponent: 1)), ("ibm2", IdealBinaryMask(exponent: 2)),
            ("mwf", MultichannelWienerFilter())
        ]
        for (method, separator) in methods {
            let golden = try OracleGolden.load(method)
            let estimates = try separator.separate(mixture: track.mixture, sources: track.sources)
            let ours = try MUSEvalRules.scores(estimates: estimates, sources: track.sources, sampleRate: 44_100)
            XCTAssertEqual(Set(ours.keys), Set(golden.scores.keys), method)
            var worst = 0.0
            for (target, metrics) in golden.scores {
                for (metric, frames) in metrics {
                    let values = try XCTUnwrap(ours[target]?[metric], "\(method) \(target) \(metric)")
                    XCTAssertEqual(values.count, frames.count, "\(method) \(target) \(metric) frames")
                    for (t, expected) in frames.enumerated() where t < values.count {
                        guard let expected else {
                            XCTAssertTrue(values[t].isNaN, "\(method) \(target) \(metric) frame \(t): NaN expected")
                            continue
                        }
                        worst = max(worst, abs(values[t] - expected))
                        XCTAssertEqual(
                            values[t], expected, accuracy: Self.toleranceDB,
                            "\(method) \(target) \(metric) frame \(t)")
                    }
                }
            }
            if ProcessInfo.processInfo.environment["ORACLE_PARITY_VERBOSE"] != nil {
                print("\(method): worst score difference \(worst) dB")
            }
        }
    }

    /// On a synthetic mixture, the IRM2 oracle scores above the mixture baseline for
    /// every target (whole-signal frame).
    func testIRM2ScoresAboveTheMixtureBaselineForEveryTarget() throws {
        let (mixture, sources) = SyntheticSignals.mixture()
        let options = BSSEvalOptions(window: 16_384, hop: 16_384, filterLength: 512)
        let oracle = try IdealRatioMask(exponent: 2).separate(mixture: mixture, sources: sources)
        let baseline = try MixtureBaseline().separate(mixture: mixture, sources: sources)
        let oracleScores = try BSSEval.evaluate(
            references: sources.map(\.channels),
            estimates: oracle.map(\.channels), options: options)
        let baselineScores = try BSSEval.evaluate(
            references: sources.map(\.channels),
            estimates: baseline.map(\.channels), options: options)
        for (j, source) in sources.enumerated() {
            let ours = oracleScores.sdr[j][0], mix = baselineScores.sdr[j][0]
            XCTAssertTrue(ours.isFinite && mix.isFinite, source.name)
            XCTAssertGreaterThan(ours, mix + 3, "\(source.name): IRM2 \(ours) dB vs mixture \(mix) dB")
        }
    }
}
