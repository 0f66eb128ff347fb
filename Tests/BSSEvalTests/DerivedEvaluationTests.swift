import XCTest

@testable import BSSEval

/// `BSSEval.evaluate(references:estimates:derived:options:)`: a second evaluation whose
/// references sum the first's (museval's vocals/accompaniment run) scored from the first's
/// pass. The first scores are the single evaluation's bits; the derived ones match scoring
/// the derived signals alone within the lag scorer's bound, their whole-track figures bit
/// for bit.
final class DerivedEvaluationTests: XCTestCase {
    let kernel = BSSEvalKernelTests.self

    /// Σ of `sources` in the order given, each channel (first term, then `+=`), as a
    /// `DerivedEvaluation` reference must be.
    func sum(_ sources: [[[Double]]]) -> [[Double]] {
        var out = sources[0]
        for source in sources.dropFirst() {
            for c in out.indices { for i in out[c].indices { out[c][i] += source[c][i] } }
        }
        return out
    }

    /// Four sources; the derived run is source 0 and the sum of sources 2, 1, 3 (in that
    /// order), against estimate 0 and an estimate of its own.
    func derivedCase(seed: UInt64, length: Int, perfectAccompaniment: Bool = false)
        -> (refs: [[[Double]]], ests: [[[Double]]], derivedRefs: [[[Double]]], derivedEsts: [[[Double]]])
    {
        let (refs, ests) = kernel.randomCase(seed: seed, sources: 4, channels: 2, length: length)
        let accompaniment = sum([refs[2], refs[1], refs[3]])
        let own =
            perfectAccompaniment
            ? accompaniment : sum([ests[2], ests[1], ests[3]]).map { $0.map { $0 * 0.97 } }
        return (refs, ests, [refs[0], accompaniment], [ests[0], own])
    }

    let terms: [[DerivedEvaluation<ArraySignalSource, ArraySignalSource>.Term]] = [
        [.init(source: 0)], [.init(source: 2), .init(source: 1), .init(source: 3)]
    ]

    /// Largest |Δ| dB between two score sets' finite frame values (NaN patterns equal).
    func largestDifference(_ a: BSSEvalScores, _ b: BSSEvalScores, _ label: String) -> Double {
        var worst = 0.0
        for (ma, mb) in [(a.sdr, b.sdr), (a.isr, b.isr), (a.sir, b.sir), (a.sar, b.sar)] {
            for (x, y) in zip(ma.joined(), mb.joined()) {
                XCTAssertEqual(x.isNaN, y.isNaN, label)
                if !x.isNaN && !y.isNaN { worst = max(worst, abs(x - y)) }
            }
        }
        return worst
    }

    func testFirstRunIsUnchangedAndDerivedRunMatchesScoringItAlone() throws {
        let c = derivedCase(seed: 91, length: 36001)
        for threads in [1, 2] {
            for spill in [false, true] {
                var options = BSSEvalOptions(window: 3000, hop: 3000, filterLength: 64, threadCount: threads)
                if spill { options.lagMemoryLimit = 0 }
                let label = "\(threads) threads, spill \(spill)"
                let derivedReferences = ArraySignalSource(c.derivedRefs)
                let derivedEstimates = ArraySignalSource(c.derivedEsts)
                let before = FastKernel.framesScoredFromLags.load(ordering: .relaxed)
                let both = try BSSEval.evaluate(
                    references: ArraySignalSource(c.refs), estimates: ArraySignalSource(c.ests),
                    derived: DerivedEvaluation(
                        references: derivedReferences, estimates: derivedEstimates, referenceTerms: terms,
                        sharedEstimates: [0, nil]),
                    options: options)
                // Both runs' 12 frames from their lags, not the spectral fallback.
                XCTAssertGreaterThanOrEqual(
                    FastKernel.framesScoredFromLags.load(ordering: .relaxed) - before, 24, label)
                let first = try BSSEval.evaluate(references: c.refs, estimates: c.ests, options: options)
                let alone = try BSSEval.evaluate(references: c.derivedRefs, estimates: c.derivedEsts, options: options)
                XCTAssertEqual(both.first.bitPatterns, first.bitPatterns, label)
                // A sum of lags against the lags of a sum: FFT rounding, far inside the lag
                // scorer's worst-case 4.3e-4 dB.
                let worst = largestDifference(both.derived, alone, label)
                XCTAssertLessThan(worst, 1e-6, label)
                XCTAssertGreaterThan(both.derived.sdr[1].filter(\.isFinite).count, 10, label)
                // The whole-track figures come from the same samples in the same order.
                XCTAssertEqual(
                    (both.derived.nsdr + both.derived.siSDR).map(\.bitPattern),
                    (alone.nsdr + alone.siSDR).map(\.bitPattern), label)
                // The pass read the derived run's own estimate, and nothing of its references.
                XCTAssertTrue(derivedReferences.reads.isEmpty, label)
                XCTAssertEqual(Set(derivedEstimates.reads.map(\.source)), [1], label)
            }
        }
    }

    /// A perfect accompaniment estimate: the lag scorer refuses its frames, which are read
    /// again from the derived signals and scored spectrally, as when scored alone.
    func testRefusedDerivedFramesAreReadAgainFromTheDerivedSignals() throws {
        let c = derivedCase(seed: 92, length: 24001, perfectAccompaniment: true)
        let options = BSSEvalOptions(window: 3000, hop: 3000, filterLength: 64, threadCount: 2)
        let derivedReferences = ArraySignalSource(c.derivedRefs)
        let both = try BSSEval.evaluate(
            references: ArraySignalSource(c.refs), estimates: ArraySignalSource(c.ests),
            derived: DerivedEvaluation(
                references: derivedReferences, estimates: ArraySignalSource(c.derivedEsts), referenceTerms: terms,
                sharedEstimates: [0, nil]),
            options: options)
        let alone = try BSSEval.evaluate(references: c.derivedRefs, estimates: c.derivedEsts, options: options)
        XCTAssertFalse(derivedReferences.reads.isEmpty)
        // The perfect estimate's scores sit at the rounding floor (or are exact: +∞), where
        // two roundings of the filters differ; the vocals' are comparable.
        for metric in [both.derived.sdr[1], both.derived.sar[1], alone.sar[1]] {
            XCTAssertTrue(metric.allSatisfy { $0 > 150 }, "\(metric)")
        }
        for (x, y) in zip(both.derived.sdr[0] + both.derived.sir[0], alone.sdr[0] + alone.sir[0]) {
            XCTAssertEqual(x, y, accuracy: 1e-6)
        }
    }

    /// A silent derived estimate is numbered after the first run's sources; terms that do
    /// not fit are refused; settings without the lag pass score the two runs one by one.
    func testSilenceInvalidTermsAndOtherSettings() throws {
        let c = derivedCase(seed: 93, length: 12001)
        let options = BSSEvalOptions(window: 3000, hop: 3000, filterLength: 32, threadCount: 2)
        let silent = [c.derivedEsts[0], c.derivedEsts[1].map { $0.map { _ in 0.0 } }]
        func both(
            _ estimates: [[[Double]]], terms: [[DerivedEvaluation<ArraySignalSource, ArraySignalSource>.Term]],
            options: BSSEvalOptions
        ) throws -> (first: BSSEvalScores, derived: BSSEvalScores) {
            try BSSEval.evaluate(
                references: ArraySignalSource(c.refs), estimates: ArraySignalSource(c.ests),
                derived: DerivedEvaluation(
                    references: ArraySignalSource(c.derivedRefs), estimates: ArraySignalSource(estimates),
                    referenceTerms: terms, sharedEstimates: [0, nil]),
                options: options)
        }
        XCTAssertThrowsError(try both(silent, terms: terms, options: options)) { error in
            XCTAssertEqual(error as? BSSEvalError, .silentSource(.estimate, index: 5))
        }
        XCTAssertThrowsError(try both(c.derivedEsts, terms: [[.init(source: 0)], [.init(source: 4)]], options: options))
        { error in
            guard case .invalidOptions = error as? BSSEvalError else { return XCTFail("\(error)") }
        }
        for other in [
            BSSEvalOptions(window: 3000, hop: 3000, filterLength: 32, mode: .v3, threadCount: 2),
            BSSEvalOptions(window: 3000, hop: 2000, filterLength: 32, threadCount: 2)
        ] {
            let result = try both(c.derivedEsts, terms: terms, options: other)
            XCTAssertEqual(
                result.first.bitPatterns,
                (try BSSEval.evaluate(references: c.refs, estimates: c.ests, options: other)).bitPatterns)
            XCTAssertEqual(
                result.derived.bitPatterns,
                (try BSSEval.evaluate(references: c.derivedRefs, estimates: c.derivedEsts, options: other)).bitPatterns)
        }
    }

    /// The view of a pass: lags of a sum are the sums of lags, to rounding; a channel that
    /// is one pass channel with weight 1 is copied exactly.
    func testLagViewSumsAndCopiesLags() throws {
        let c = derivedCase(seed: 94, length: 9001)
        let L = 16
        let refs = try SignalSet(c.refs, role: .reference),
            ests = try SignalSet(c.ests + [c.derivedEsts[1]], role: .estimate)
        let pass = ReferenceCorrelations(
            references: refs, estimates: ests, range: 0..<9001, filterLength: L, threads: 2)
        let view = LagView(
            sourceCount: 2, channelCount: 2, filterLength: L,
            referenceTerms: [[(0, 1)], [(2, 1), (1, 1), (3, 1)]], estimateSources: [0, 4], passSources: 4,
            passEstimateSources: 5)
        let derived = view.derive(track: pass, sums: [])
        let direct = ReferenceCorrelations(
            references: try SignalSet(c.derivedRefs, role: .reference),
            estimates: try SignalSet(c.derivedEsts, role: .estimate), range: 0..<9001, filterLength: L, threads: 2)
        let scale = direct.gramLags.map(abs).max() ?? 1
        for (a, b) in zip(derived.gramLags, direct.gramLags) { XCTAssertEqual(a, b, accuracy: 1e-12 * scale) }
        for (a, b) in zip(derived.crossLags, direct.crossLags) { XCTAssertEqual(a, b, accuracy: 1e-12 * scale) }
        // Vocals against vocals: pass values, copied.
        for m in -(L - 1)..<L {
            XCTAssertEqual(derived.gram(1, 0, m).bitPattern, pass.gram(1, 0, m).bitPattern)
            XCTAssertEqual(derived.gram(0, 1, m).bitPattern, pass.gram(0, 1, m).bitPattern)
        }
        for k in 0..<L {
            XCTAssertEqual(derived.cross(1, 0, k).bitPattern, pass.cross(1, 0, k).bitPattern)
            XCTAssertEqual(derived.cross(0, 3, k).bitPattern, pass.cross(0, 9, k).bitPattern)
        }
        XCTAssertFalse(view.isDirect)
        XCTAssertTrue(LagView.identity(sourceCount: 4, channelCount: 2, filterLength: L).isIdentity)
    }
}
