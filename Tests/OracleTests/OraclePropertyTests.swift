import DSP
import Oracle
import XCTest

/// What the oracles must do on any input, checked on synthetic signals.
final class OraclePropertyTests: XCTestCase {
    func testRatioMasksSumToOneWhereTheModelIsNonZeroAndToZeroWhereAllSourcesAreSilent() {
        var (_, sources) = SyntheticSignals.mixture()
        // Silence every source over the first 8192 samples: whole frames of exact zeros.
        for j in sources.indices {
            for c in 0..<2 { for n in 0..<8192 { sources[j].channels[c][n] = 0 } }
        }
        for exponent in [1.0, 2.0] {
            let separator = IdealRatioMask(exponent: exponent, segmentLength: 1024)
            let masks = separator.masks(sources: sources, channel: 1)
            let transform = SciPySTFT(segmentLength: 1024)
            let spectra = sources.map { transform.forward($0.channels[1]).values }
            var silentBins = 0, activeBins = 0
            for k in masks[0].indices {
                let total = masks.reduce(0) { $0 + $1[k] }
                XCTAssertTrue(masks.allSatisfy { $0[k] >= 0 && $0[k] <= 1 })
                if spectra.allSatisfy({ $0[k] == .zero }) {
                    silentBins += 1
                    XCTAssertEqual(total, 0, "bin \(k) of silence")
                } else {
                    activeBins += 1
                    // Σ/(ε + Σ): one to rounding wherever Σ is far above ε.
                    let model = spectra.reduce(0.0) { sum, s in sum + pow(s[k].length, exponent) }
                    XCTAssertEqual(total, model / (Double.ulpOfOne + model), accuracy: 1e-13, "bin \(k)")
                    if model > 1e-6 { XCTAssertEqual(total, 1, accuracy: 1e-9, "bin \(k)") }
                }
            }
            XCTAssertGreaterThan(silentBins, 1000)
            XCTAssertGreaterThan(activeBins, 1000)
        }
    }

    func testBinaryMasksAreZeroOrOneAndFollowTheThreshold() {
        let (mixture, sources) = SyntheticSignals.mixture()
        let separator = IdealBinaryMask(exponent: 1, threshold: 0.5, segmentLength: 1024)
        let masks = separator.masks(mixture: mixture, sources: sources, channel: 0)
        let transform = SciPySTFT(segmentLength: 1024)
        let mix = transform.forward(mixture[0]).values
        var ones = 0, zeros = 0
        for (j, mask) in masks.enumerated() {
            let source = transform.forward(sources[j].channels[0]).values
            for k in mask.indices {
                XCTAssertTrue(mask[k] == 0 || mask[k] == 1)
                let ratio = source[k].length / (Double.ulpOfOne + mix[k].length)
                if ratio > 0.5 + 1e-9 { XCTAssertEqual(mask[k], 1) }
                if ratio < 0.5 - 1e-9 { XCTAssertEqual(mask[k], 0) }
                if mask[k] == 1 { ones += 1 } else { zeros += 1 }
            }
        }
        XCTAssertGreaterThan(ones, 100)
        XCTAssertGreaterThan(zeros, 100)
        // A threshold above one: the reference's two-step assignment leaves nothing.
        let none = IdealBinaryMask(exponent: 1, threshold: 1.5, segmentLength: 1024)
            .masks(mixture: mixture, sources: sources, channel: 0)
        XCTAssertTrue(none.allSatisfy { $0.allSatisfy { $0 == 0 } })
    }

    /// With one source the Wiener gain is P R (P R)⁻¹, the identity, except where the
    /// source's power is so small that the ε added to determinants wins: the edge frames
    /// that hold only a few window-tapered samples (the reference behaves the same). So the
    /// interior must be the mixture to 1e-6, the edge segments only to 1e-3 of the peak.
    func testWienerFilterWithASingleSourceReturnsTheMixture() throws {
        let count = 20_000, length = 512
        let source = Stem(
            name: "vocals",
            channels: [
                SyntheticSignals.noise(count: count, seed: 1),
                SyntheticSignals.noise(count: count, seed: 2)
            ])
        let interior = length..<(count - length)
        for rounds in [true, false] {
            let estimates = try MultichannelWienerFilter(segmentLength: length, roundsGainToSinglePrecision: rounds)
                .separate(mixture: source.channels, sources: [source])
            XCTAssertEqual(estimates.count, 1)
            XCTAssertEqual(estimates[0].name, "vocals")
            for c in 0..<2 {
                let estimate = estimates[0].channels[c]
                XCTAssertEqual(estimate.count, count)
                let inner = interior.map { abs(estimate[$0] - source.channels[c][$0]) }.max()!
                let everywhere = zip(estimate, source.channels[c]).map { abs($0 - $1) }.max()!
                // A gain of identity up to single-precision rounding (when the reference's is
                // kept) and ε/det in the rare weak bins: ~1e-7 either way.
                XCTAssertLessThan(inner, 1e-6, "channel \(c)")
                XCTAssertLessThan(everywhere, 1e-3, "channel \(c)")
            }
        }
        // Mono: the 1 × 1 case of the same formulas.
        let mono = try MultichannelWienerFilter(segmentLength: length)
            .separate(mixture: [source.channels[0]], sources: [Stem(name: "x", channels: [source.channels[0]])])
        let inner = interior.map { abs(mono[0].channels[0][$0] - source.channels[0][$0]) }.max()!
        XCTAssertLessThan(inner, 1e-6)
    }

    func testIRM2EstimatesAreCloserToEverySourceThanTheMixtureIs() throws {
        let (mixture, sources) = SyntheticSignals.mixture()
        let separators: [(String, OracleSeparator)] = [
            ("irm2", IdealRatioMask(exponent: 2)), ("irm1", IdealRatioMask(exponent: 1)),
            ("ibm1", IdealBinaryMask()), ("mwf", MultichannelWienerFilter())
        ]
        for (label, separator) in separators {
            let estimates = try separator.separate(mixture: mixture, sources: sources)
            for (j, source) in sources.enumerated() {
                for c in 0..<2 {
                    let oracle = SyntheticSignals.snr(estimates[j].channels[c], reference: source.channels[c])
                    let baseline = SyntheticSignals.snr(mixture[c], reference: source.channels[c])
                    XCTAssertGreaterThan(
                        oracle, baseline + 3,
                        "\(label) \(source.name) channel \(c): \(oracle) dB vs mixture \(baseline) dB")
                }
            }
        }
    }

    func testMixtureBaselineGivesEverySourceItsShareOfTheMixture() throws {
        let (mixture, sources) = SyntheticSignals.mixture(count: 3000)
        let estimates = try OracleMethod.mix.separator.separate(mixture: mixture, sources: sources)
        XCTAssertEqual(estimates.map(\.name), sources.map(\.name))
        for estimate in estimates {
            XCTAssertEqual(estimate.channels, mixture.map { $0.map { $0 / 3 } })
        }
    }

    func testAccompanimentSumsEveryStemButVocalsInOrder() throws {
        let stems = [
            Stem(name: "vocals", channels: [[1, 2]]), Stem(name: "drums", channels: [[0.5, 0.25]]),
            Stem(name: "bass", channels: [[0.125, -1]])
        ]
        let accompaniment = try XCTUnwrap(Stem.accompaniment(of: stems))
        XCTAssertEqual(accompaniment, Stem(name: "accompaniment", channels: [[0.625, -0.75]]))
        XCTAssertNil(Stem.accompaniment(of: [stems[0]]))
    }

    func testMismatchedShapesAreTypedErrorsThatNameTheSignal() {
        let good = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
        XCTAssertThrowsError(try IdealRatioMask().separate(mixture: good, sources: [])) {
            XCTAssertEqual($0 as? OracleError, .noSources)
        }
        XCTAssertThrowsError(
            try IdealRatioMask().separate(
                mixture: good, sources: [Stem(name: "bass", channels: [[0, 0, 0], [0, 0]])])
        ) {
            XCTAssertEqual(
                $0 as? OracleError, .lengthMismatch(signal: "source \"bass\" channel 1", expected: 3, found: 2))
            XCTAssertTrue("\($0)".contains("bass"))
        }
        XCTAssertThrowsError(
            try IdealBinaryMask().separate(
                mixture: good, sources: [Stem(name: "drums", channels: [[0, 0, 0]])])
        ) {
            XCTAssertEqual($0 as? OracleError, .channelCountMismatch(source: "drums", expected: 2, found: 1))
        }
        let three = [[Double]](repeating: [0, 0, 0], count: 3)
        XCTAssertThrowsError(
            try MultichannelWienerFilter().separate(
                mixture: three, sources: [Stem(name: "other", channels: three)])
        ) {
            XCTAssertEqual(
                $0 as? OracleError,
                .unsupportedChannelCount(method: "the multichannel Wiener filter", channels: 3))
        }
    }
}
