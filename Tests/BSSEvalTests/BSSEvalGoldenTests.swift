import TestSupport
import XCTest

@testable import BSSEval

/// Our kernel against museval 0.4.1's goldens (Fixtures/bsseval, made by
/// Scripts/goldens/bsseval_goldens.py): NaN pattern identical, finite values within 0.01 dB.
final class BSSEvalGoldenTests: XCTestCase {
    func check(
        _ name: String, algorithm: BSSEvalOptions.Algorithm = .fast,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let url = TestData.fixtures.appendingPathComponent("bsseval/\(name).json")
        let golden = try GoldenCase(url: url)
        let spec = golden.options
        let options = BSSEvalOptions(
            window: spec.window, hop: spec.hop, filterLength: spec.filterLength,
            mode: spec.mode == "v3" ? .v3 : .v4,
            criteria: spec.criteria == "sources" ? .sources : .images,
            computePermutation: spec.permutation, algorithm: algorithm)
        let start = Date()
        let scores = try BSSEval.evaluate(references: golden.references, estimates: golden.estimates, options: options)
        let seconds = Date().timeIntervalSince(start)
        var comparison = GoldenComparison()
        comparison.compare(scores, golden)
        print(
            String(
                format:
                    "bsseval golden %@ [%@]: %d values, max |Δ| = %.3g dB (tolerance %.3g, museval's own rounding spread %.3g) (%.2f s)",
                name, algorithm.rawValue, comparison.compared, comparison.maxDifference, comparison.tolerance,
                golden.roundingSpread, seconds))
        XCTAssertGreaterThan(comparison.compared, 0, file: file, line: line)
        // Read a window at a time, the same bits (so the golden holds for the files path too).
        let streamed = try BSSEval.evaluate(
            references: ArraySignalSource(golden.references), estimates: ArraySignalSource(golden.estimates),
            options: options)
        func bits(_ s: BSSEvalScores) -> [UInt64] {
            [s.sdr, s.isr, s.sir, s.sar].flatMap { $0.flatMap { $0.map(\.bitPattern) } }
                + (s.nsdr + s.siSDR).map(\.bitPattern)
        }
        if golden.roundingSpread > 0 {
            // Ill-conditioned G: its LU solve runs on OpenBLAS threads, whose partition of the
            // work (and so the last bits) can differ from one solve to the next.
            var again = GoldenComparison()
            again.compare(streamed, golden)
            let repeated = try BSSEval.evaluate(
                references: golden.references, estimates: golden.estimates, options: options)
            print(
                "bsseval golden \(name): arrays reproducible bit for bit: \(bits(repeated) == bits(scores)); streamed: \(bits(streamed) == bits(scores))"
            )
            XCTAssertTrue(
                again.failures.isEmpty, "\(name): streamed: \(again.failures.prefix(5))", file: file, line: line)
        } else {
            XCTAssertEqual(bits(scores), bits(streamed), "\(name): streamed scores differ", file: file, line: line)
        }
        XCTAssertTrue(
            comparison.failures.isEmpty,
            "\(name): \(comparison.failures.count) mismatches, first: \(comparison.failures.prefix(5))",
            file: file, line: line)
    }

    // The real track (MUSDB sample), museval.evaluate defaults.
    func testRockLeakyMix() throws { try check("rock_leaky") }
    func testRockGainAndNoise() throws { try check("rock_gain_noise") }
    func testRockLowpassedEstimates() throws { try check("rock_lowpassed_estimates") }
    func testRockTrueSources() throws { try check("rock_true_sources") }
    func testRockPaddedEstimates() throws { try check("rock_padded_estimates") }
    func testRockSilentFrames16Bit() throws { try check("rock_silent_frames_16bit") }
    // Frame geometry and shapes.
    func testShortTrack() throws { try check("short_track") }
    func testTruncatedEstimates() throws { try check("truncated_estimates") }
    func testOddLengthWindowNotHop() throws { try check("odd_length_win_ne_hop") }
    func testMono() throws { try check("mono") }
    func testSixSources() throws { try check("six_sources") }
    // Modes and criteria.
    func testV3FramewiseFilters() throws { try check("v3_framewise_filters") }
    func testSourcesVariant() throws { try check("sources_variant") }
    func testV3SourcesVariant() throws { try check("v3_sources_variant") }
    // Permutation search.
    func testRockPermutation() throws { try check("rock_permutation") }
    func testPermutationFiveSources() throws { try check("permutation_five") }
    func testV3Permutation() throws { try check("v3_permutation") }
    /// museval averages SIR over frames including NaN ones, so one silent frame makes every
    /// candidate's mean NaN and it returns the identity (the golden shows it). We skip NaN
    /// frames: without permutation search we match museval's numbers; with it we find
    /// the actual assignment.
    func testPermutationWithNaNFrame() throws {
        let golden = try GoldenCase(
            url: TestData.fixtures.appendingPathComponent("bsseval/permutation_with_nan_frame.json"))
        XCTAssertEqual(golden.permutation, [[0, 1, 2]], "museval returns the identity when a frame is NaN")
        var options = BSSEvalOptions(window: golden.options.window, hop: golden.options.hop)
        let identity = try BSSEval.evaluate(
            references: golden.references, estimates: golden.estimates, options: options)
        var comparison = GoldenComparison()
        comparison.compare(identity, golden)
        print("bsseval golden permutation_with_nan_frame [identity]: max |Δ| = \(comparison.maxDifference) dB")
        XCTAssertTrue(comparison.failures.isEmpty, "\(comparison.failures.prefix(5))")
        options.computePermutation = true
        let searched = try BSSEval.evaluate(
            references: golden.references, estimates: golden.estimates, options: options)
        // estimate j is a leaky copy of reference [2, 0, 1][j]
        XCTAssertEqual(searched.permutation, [[1, 2, 0]])
        XCTAssertTrue(searched.sdr[0][1].isNaN)
        XCTAssertGreaterThan(searched.sir[0][0], identity.sir[0][0])
    }
    // Ill-conditioned Gram matrices.
    func testIllConditionedSinusoid() throws { try check("ill_sinusoid_reference") }
    func testIllConditionedLowpassed() throws { try check("ill_lowpassed_reference") }
    func testIllConditionedRockLowpassed16Bit() throws { try check("ill_rock_lowpassed_16bit") }

    // The oracle against the same goldens, on a few cheap cases.
    func testReferenceKernelShortTrack() throws { try check("short_track", algorithm: .reference) }
    func testReferenceKernelV3() throws { try check("v3_framewise_filters", algorithm: .reference) }
    func testReferenceKernelPermutation() throws { try check("v3_permutation", algorithm: .reference) }
    func testReferenceKernelIllConditioned() throws { try check("ill_sinusoid_reference", algorithm: .reference) }
    func testReferenceKernelIllConditionedLowpassed() throws {
        try check("ill_lowpassed_reference", algorithm: .reference)
    }

    /// Every committed golden has a test above.
    func testEveryGoldenIsChecked() throws {
        let names = Set(try GoldenCase.all().map { $0.deletingPathExtension().lastPathComponent })
        let tested: Set<String> = [
            "rock_leaky", "rock_gain_noise", "rock_lowpassed_estimates", "rock_true_sources", "rock_padded_estimates",
            "rock_silent_frames_16bit", "short_track", "truncated_estimates", "odd_length_win_ne_hop", "mono",
            "six_sources", "v3_framewise_filters", "sources_variant", "v3_sources_variant", "rock_permutation",
            "permutation_five", "v3_permutation", "permutation_with_nan_frame", "ill_sinusoid_reference",
            "ill_lowpassed_reference", "ill_rock_lowpassed_16bit"
        ]
        XCTAssertEqual(names.subtracting(tested), [], "goldens without a test")
        XCTAssertEqual(tested.subtracting(names), [], "tests without a golden")
    }
}
