import XCTest

@testable import BSSEval

/// `BSSEval.evaluate(references:estimates:options:)` on `SignalSource`s: the same bits as
/// the array API, samples read a window at a time, read again only where they must be.
final class StreamingTests: XCTestCase {
    let kernel = BSSEvalKernelTests.self

    /// Tails, gaps, mono, several sources, a perfect estimate (its frames refused by the lag
    /// scorer and read again), a short (padded) and a long (truncated) estimate, a lag spill
    /// file, one and two threads: every score the same bits as the arrays'.
    func testStreamedScoresAreTheArrayScoresBitForBit() throws {
        let configurations: [(sources: Int, channels: Int, length: Int, window: Int, hop: Int)] = [
            (2, 2, 30001, 2000, 2000), (3, 2, 29500, 2000, 2600), (3, 1, 17001, 2500, 2500),
            (4, 2, 36001, 3000, 3100), (2, 2, 4000, 8000, 8000)
        ]
        for (i, c) in configurations.enumerated() {
            var (refs, ests) = kernel.randomCase(
                seed: UInt64(i + 70), sources: c.sources, channels: c.channels, length: c.length)
            if i == 1 { ests[2] = refs[2] } // perfect: spectral scorer, frames read again
            if i == 0 { ests[1] = ests[1].map { Array($0.prefix(c.length - 3333)) } } // padded
            if i == 3 { ests[0] = ests[0].map { $0 + [Double](repeating: 0.5, count: 777) } } // truncated
            for threads in [1, 2] {
                for spill in [false, true] {
                    var options = BSSEvalOptions(window: c.window, hop: c.hop, filterLength: 64, threadCount: threads)
                    if spill { options.lagMemoryLimit = 0 }
                    let arrays = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
                    let references = ArraySignalSource(refs), estimates = ArraySignalSource(ests)
                    let streamed = try BSSEval.evaluate(references: references, estimates: estimates, options: options)
                    let label = "case \(i), \(threads) threads, spill \(spill)"
                    XCTAssertEqual(arrays.bitPatterns, streamed.bitPatterns, label)
                    XCTAssertEqual(arrays.permutation, streamed.permutation, label)
                    // Windows of about two frames per thread, so a track is never read whole in one go
                    // (except the last case, one frame, and the perfect estimate's: its Gram solve
                    // fails the residual check and the whole-track pass runs).
                    let widest = references.reads.map { $0.range.count }.max() ?? 0
                    if i < 4 && i != 1 {
                        XCTAssertLessThanOrEqual(widest, 2 * threads * max(c.window, c.hop) + 63, label)
                        XCTAssertLessThan(widest, c.length, label)
                    }
                    // Every sample read once in the pass (plus L − 1 at each window's start); the
                    // perfect estimate's frames once more.
                    let read = references.reads.filter { $0.source == 0 }.map { $0.range.count }.reduce(0, +)
                    if i != 1 { XCTAssertLessThan(read, c.length + 64 * c.length / c.window, label) }
                }
            }
        }
    }

    /// Permutation search, the sources criteria and museval's SIR-only scores go through the
    /// same pass.
    func testStreamedPermutationAndCriteria() throws {
        let (refs, ests) = kernel.randomCase(seed: 81, sources: 3, channels: 2, length: 24000)
        let permuted = [ests[2], ests[0], ests[1]]
        for criteria in BSSEvalOptions.Criteria.allCases {
            let options = BSSEvalOptions(
                window: 3000, hop: 3000, filterLength: 64, criteria: criteria, computePermutation: true, threadCount: 2)
            let arrays = try BSSEval.evaluate(references: refs, estimates: permuted, options: options)
            let streamed = try BSSEval.evaluate(
                references: ArraySignalSource(refs), estimates: ArraySignalSource(permuted), options: options)
            XCTAssertEqual(arrays.bitPatterns, streamed.bitPatterns, criteria.rawValue)
            XCTAssertEqual(streamed.permutation, [[1, 2, 0]], criteria.rawValue)
        }
    }

    /// Settings the lag pass does not cover (v3, overlapping frames, the reference
    /// algorithm) read the track whole and give the array API's scores.
    func testOtherSettingsReadTheWholeTrack() throws {
        let (refs, ests) = kernel.randomCase(seed: 82, sources: 2, channels: 2, length: 12000)
        let settings = [
            BSSEvalOptions(window: 3000, hop: 3000, filterLength: 32, mode: .v3, threadCount: 2),
            BSSEvalOptions(window: 3000, hop: 2000, filterLength: 32, threadCount: 2),
            BSSEvalOptions(window: 3000, hop: 3000, filterLength: 32, algorithm: .reference, threadCount: 2)
        ]
        for options in settings {
            let arrays = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
            let references = ArraySignalSource(refs)
            let streamed = try BSSEval.evaluate(
                references: references, estimates: ArraySignalSource(ests), options: options)
            XCTAssertEqual(arrays.bitPatterns, streamed.bitPatterns)
            XCTAssertTrue(references.reads.contains { $0.range == 0..<12000 })
        }
    }

    /// A source that is silent over the whole track is found as the samples go by, and
    /// named as the array API names it.
    func testSilentSourcesAreFoundWhileStreaming() throws {
        var (refs, ests) = kernel.randomCase(seed: 83, sources: 3, channels: 2, length: 20000)
        ests[1] = ests[1].map { [Double](repeating: 0, count: $0.count) }
        let options = BSSEvalOptions(window: 2000, hop: 2000, filterLength: 64, threadCount: 2)
        XCTAssertThrowsError(
            try BSSEval.evaluate(
                references: ArraySignalSource(refs), estimates: ArraySignalSource(ests), options: options)
        ) { XCTAssertEqual($0 as? BSSEvalError, .silentSource(.estimate, index: 1)) }
        // L = −R counts as silent, as in museval.
        refs[2][1] = refs[2][0].map { -$0 }
        XCTAssertThrowsError(
            try BSSEval.evaluate(
                references: ArraySignalSource(refs), estimates: ArraySignalSource(ests), options: options)
        ) { XCTAssertEqual($0 as? BSSEvalError, .silentSource(.reference, index: 2)) }
    }

    /// A read that fails reaches the caller unchanged (so it can name the file).
    func testReadFailuresReachTheCaller() throws {
        let (refs, ests) = kernel.randomCase(seed: 84, sources: 2, channels: 2, length: 20000)
        let options = BSSEvalOptions(window: 2000, hop: 2000, filterLength: 64, threadCount: 2)
        XCTAssertThrowsError(
            try BSSEval.evaluate(
                references: ArraySignalSource(refs), estimates: ArraySignalSource(ests, failingAt: (1, 15000)),
                options: options)
        ) { XCTAssertEqual($0 as? ArraySignalSource.Failure, .init(source: 1)) }
    }

    /// Band-limited references make G ill-conditioned: the whole-track pass is made from the
    /// track read again, exactly as the array API makes it.
    func testIllConditionedGramReadsTheTrackAgain() throws {
        var (refs, ests) = kernel.randomCase(seed: 85, sources: 3, channels: 2, length: 24000)
        func lowPassed(_ x: [Double]) -> [Double] {
            var y = x
            for _ in 0..<3 {
                var state = 0.0
                for i in y.indices {
                    state = 0.98 * state + 0.02 * y[i]
                    y[i] = state
                }
            }
            return y
        }
        refs = refs.map { $0.map(lowPassed) }
        ests = (0..<3).map { j in (0..<2).map { c in zip(refs[j][c], ests[j][c]).map { $0 + 0.001 * $1 } } }
        let options = BSSEvalOptions(window: 3000, hop: 3000, filterLength: 64, threadCount: 2)
        let arrays = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
        let references = ArraySignalSource(refs)
        let streamed = try BSSEval.evaluate(
            references: references, estimates: ArraySignalSource(ests), options: options)
        XCTAssertEqual(arrays.bitPatterns, streamed.bitPatterns)
        XCTAssertTrue(references.reads.contains { $0.range == 0..<24000 }, "the whole-track pass did not run")
    }

    /// Lags spill past 64 MB for samples read from files, and past half the caller's
    /// in-memory samples when that is more; a limit that was set is used as it is.
    func testLagMemoryLimitFollowsTheSamplesInMemory() {
        var options = BSSEvalOptions()
        XCTAssertEqual(options.lagMemoryLimit(residentBytes: 0), 64 << 20)
        XCTAssertEqual(options.lagMemoryLimit(residentBytes: 100 << 20), 64 << 20)
        XCTAssertEqual(options.lagMemoryLimit(residentBytes: 1 << 30), 512 << 20)
        options.lagMemoryLimit = 0
        XCTAssertEqual(options.lagMemoryLimit(residentBytes: 1 << 30), 0)
        let files = ArraySignalSource([[[0.0, 1.0]]])
        XCTAssertEqual(files.residentByteCount, 0)
    }
}
