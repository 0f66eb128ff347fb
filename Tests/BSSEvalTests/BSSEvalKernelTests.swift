import XCTest

@testable import BSSEval

/// The fast kernel against the oracle port on random cases, the errors, the assignment
/// solver and the whole-track figures.
final class BSSEvalKernelTests: XCTestCase {
    /// Random sources (resonant noise) and estimates (random leaky mixes plus noise).
    func randomCase(seed: UInt64, sources: Int, channels: Int, length: Int) -> ([[[Double]]], [[[Double]]]) {
        Self.randomCase(seed: seed, sources: sources, channels: channels, length: length)
    }

    static func randomCase(seed: UInt64, sources: Int, channels: Int, length: Int) -> ([[[Double]]], [[[Double]]]) {
        var refs = [[[Double]]]()
        for j in 0..<sources {
            let ops: [[Any]] = [
                ["resonant", Int(seed) * 100 + j * 10, 0.01 + 0.07 * Double(j), 0.99, 0.05],
                ["noise", Int(seed) * 100 + j * 10 + 5, 0.01]
            ]
            refs.append(try! SignalRecipe.build(ops, channels: channels, length: length))
        }
        let mix = SignalRecipe.uniform(seed: seed, count: sources * sources)
        var ests = [[[Double]]]()
        for j in 0..<sources {
            var ops: [[Any]] = (0..<sources).map { k in ["ref", k, k == j ? 0.8 : 0.15 * mix[j * sources + k]] }
            ops.append(["noise", Int(seed) * 100 + 50 + j, 0.02])
            ests.append(try! SignalRecipe.build(ops, channels: channels, length: length, references: refs))
        }
        return (refs, ests)
    }

    /// Same permutation, NaN pattern and finite values within `accuracy` dB, nsdr / SI-SDR
    /// within 1e-9; returns the largest difference.
    func assertScoresMatch(_ a: BSSEvalScores, _ b: BSSEvalScores, accuracy: Double, _ label: String) -> Double {
        XCTAssertEqual(a.permutation, b.permutation, label)
        var worst = 0.0
        for (ma, mb) in [(a.sdr, b.sdr), (a.isr, b.isr), (a.sir, b.sir), (a.sar, b.sar)] {
            for (ra, rb) in zip(ma, mb) {
                for (x, y) in zip(ra, rb) {
                    XCTAssertEqual(x.isNaN, y.isNaN, label)
                    if x.isFinite && y.isFinite {
                        worst = max(worst, abs(x - y))
                        XCTAssertEqual(x, y, accuracy: accuracy, label)
                    }
                }
            }
        }
        for (x, y) in zip(a.nsdr + a.siSDR, b.nsdr + b.siSDR) {
            XCTAssertEqual(x, y, accuracy: 1e-9, label)
        }
        return worst
    }

    func testFastMatchesReferenceOnRandomCases() throws {
        let configurations:
            [(
                sources: Int, channels: Int, length: Int, window: Int, hop: Int,
                mode: BSSEvalOptions.Mode, criteria: BSSEvalOptions.Criteria, permutation: Bool
            )] = [
                (2, 2, 9000, 4000, 3000, .v4, .images, false),
                (3, 1, 7001, 2500, 2500, .v4, .sources, true),
                (2, 3, 6000, 3000, 2000, .v3, .images, true),
                (3, 2, 5000, 9000, 9000, .v4, .images, true)
            ]
        var worst = 0.0
        for (i, c) in configurations.enumerated() {
            let (refs, ests) = randomCase(
                seed: UInt64(i + 1), sources: c.sources, channels: c.channels, length: c.length)
            var options = BSSEvalOptions(
                window: c.window, hop: c.hop, filterLength: 64, mode: c.mode,
                criteria: c.criteria, computePermutation: c.permutation)
            let fast = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
            options.algorithm = .reference
            let oracle = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
            // nsdr / SI-SDR: the fast kernel sums them block by block in its correlation pass,
            // the oracle in one plain pass per source.
            worst = max(worst, assertScoresMatch(fast, oracle, accuracy: 1e-6, "case \(i)"))
        }
        print("bsseval fast vs reference kernel: max |Δ| = \(worst) dB")
    }

    /// v4 frames scored from their own lags (`FrameCorrelations` + `LagScorer`) against the
    /// spectral frame scorer, on framings with a tail, with gaps (hop > window), one frame
    /// for the whole track, permutations, the sources criteria, 1 and 3 channels.
    func testLagScoringMatchesSpectralScoring() throws {
        let configurations:
            [(
                sources: Int, channels: Int, length: Int, window: Int, hop: Int,
                criteria: BSSEvalOptions.Criteria, permutation: Bool
            )] = [
                (2, 2, 9000, 2000, 2000, .images, true),
                (3, 2, 9500, 2000, 2600, .sources, true),
                (3, 1, 7001, 2500, 2500, .images, false),
                (2, 3, 5000, 9000, 9000, .images, true),
                (4, 2, 12000, 3000, 3100, .images, false)
            ]
        var worst = 0.0
        for (i, c) in configurations.enumerated() {
            let (refs, ests) = randomCase(
                seed: UInt64(i + 20), sources: c.sources, channels: c.channels, length: c.length)
            var options = BSSEvalOptions(
                window: c.window, hop: c.hop, filterLength: 64, criteria: c.criteria,
                computePermutation: c.permutation)
            let before = FastKernel.framesScoredFromLags.load(ordering: .relaxed)
            let lags = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
            let scored = FastKernel.framesScoredFromLags.load(ordering: .relaxed) - before
            XCTAssertEqual(scored, lags.frameCount, "case \(i): every frame should be scored from its lags")
            options.scoresFramesFromLags = false
            let spectral = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
            worst = max(worst, assertScoresMatch(lags, spectral, accuracy: 1e-7, "case \(i)"))
        }
        print("bsseval lag scoring vs spectral scoring: max |Δ| = \(worst) dB")
    }

    /// A perfect estimate cancels exactly in the spectral scorer (SDR = +∞, as in museval);
    /// from lags it would be rounding noise, so those frames must go to the spectral scorer.
    func testPerfectEstimateFallsBackToSpectralScoring() throws {
        let (refs, _) = randomCase(seed: 5, sources: 2, channels: 2, length: 8000)
        let scores = try BSSEval.evaluate(
            references: refs, estimates: refs,
            options: BSSEvalOptions(window: 2000, hop: 2000, filterLength: 64))
        XCTAssertTrue(scores.sdr.allSatisfy { $0.allSatisfy { $0 == .infinity } })
    }

    /// The whole-track lags assembled from the segments plus the boundary corrections equal
    /// the lags of the whole-track pass.
    func testFrameCorrelationsAddUpToTheTrack() throws {
        let (refs, ests) = randomCase(seed: 9, sources: 3, channels: 2, length: 20_000)
        let r = try SignalSet(refs, role: .reference), e = try SignalSet(ests, role: .estimate, length: r.length)
        for (window, hop) in [(3000, 3000), (2500, 3100), (20_000, 20_000)] {
            let framing = Framing(window: window, hop: hop, length: r.length)
            XCTAssertTrue(FrameCorrelations.applies(framing: framing, filterLength: 64))
            let assembled = try FrameCorrelations(
                references: r, estimates: e, framing: framing, filterLength: 64, threads: 2
            ).track
            let whole = ReferenceCorrelations(
                references: r, estimates: e, range: 0..<r.length, filterLength: 64, threads: 2)
            let scale = whole.gramLags.map(abs).max()!
            for (a, b) in zip(assembled.gramLags + assembled.crossLags, whole.gramLags + whole.crossLags) {
                XCTAssertEqual(a, b, accuracy: 1e-12 * scale, "window \(window), hop \(hop)")
            }
            for (a, b) in zip(assembled.trackSums, whole.trackSums) {
                XCTAssertEqual(a.energy, b.energy, accuracy: 1e-12 * b.energy)
                XCTAssertEqual(a.error, b.error, accuracy: 1e-12 * b.error)
            }
        }
        // Overlapping frames, or a gap shorter than the filter, keep the spectral path.
        XCTAssertFalse(
            FrameCorrelations.applies(framing: Framing(window: 3000, hop: 2000, length: 20_000), filterLength: 64))
        XCTAssertFalse(
            FrameCorrelations.applies(framing: Framing(window: 3000, hop: 3030, length: 20_000), filterLength: 64))
    }

    /// The frames' lags in a spill file (a long track's) give the same bits as in memory:
    /// every configuration of the lag-scoring test, a perfect estimate (its frames go to the
    /// spectral scorer), one and two threads.
    func testSpilledLagsGiveTheSameBitsAsLagsInMemory() throws {
        func bits(_ scores: BSSEvalScores) -> [UInt64] {
            [scores.sdr, scores.isr, scores.sir, scores.sar].flatMap { $0.flatMap { $0.map(\.bitPattern) } }
                + (scores.nsdr + scores.siSDR).map(\.bitPattern)
        }
        let configurations: [(sources: Int, channels: Int, length: Int, window: Int, hop: Int)] = [
            (2, 2, 9000, 2000, 2000), (3, 2, 9500, 2000, 2600), (3, 1, 7001, 2500, 2500), (4, 2, 12001, 3000, 3100)
        ]
        for (i, c) in configurations.enumerated() {
            var (refs, ests) = randomCase(
                seed: UInt64(i + 40), sources: c.sources, channels: c.channels, length: c.length)
            if i == 1 { ests[2] = refs[2] }
            for threads in [1, 2] {
                var options = BSSEvalOptions(window: c.window, hop: c.hop, filterLength: 64, threadCount: threads)
                let inMemory = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
                options.lagMemoryLimit = 0
                let spilled = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
                XCTAssertEqual(bits(inMemory), bits(spilled), "case \(i), \(threads) threads")
            }
        }
        let (refs, ests) = randomCase(seed: 9, sources: 3, channels: 2, length: 20_000)
        let r = try SignalSet(refs, role: .reference), e = try SignalSet(ests, role: .estimate, length: r.length)
        let framing = Framing(window: 3000, hop: 3000, length: r.length)
        let memory = try FrameCorrelations(references: r, estimates: e, framing: framing, filterLength: 64, threads: 2)
        let spill = try FrameCorrelations(
            references: r, estimates: e, framing: framing, filterLength: 64, threads: 2,
            memoryLimit: 0)
        XCTAssertFalse(memory.isSpilled)
        XCTAssertTrue(spill.isSpilled)
        XCTAssertEqual(memory.track.gramLags, spill.track.gramLags)
        XCTAssertEqual(memory.track.crossLags, spill.track.crossLags)
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: spill.segmentStride)
        defer { buffer.deallocate() }
        for t in 0..<framing.count {
            let a = memory.lags(frame: t, buffer: nil)!, b = spill.lags(frame: t, buffer: buffer)!
            XCTAssertTrue((0..<spill.segmentStride).allSatisfy { a[$0].bitPattern == b[$0].bitPattern }, "frame \(t)")
        }
    }

    /// Work is shared among threads first come, first served, but every sum is formed in
    /// the same order on every run: repeated runs give the same bits.
    func testFastKernelIsReproducibleBitForBit() throws {
        let (refs, ests) = randomCase(seed: 11, sources: 3, channels: 2, length: 60000)
        let options = BSSEvalOptions(window: 2000, hop: 2000, filterLength: 64, threadCount: 2)
        let first = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
        func bits(_ scores: BSSEvalScores) -> [UInt64] {
            [scores.sdr, scores.isr, scores.sir, scores.sar].flatMap { $0.flatMap { $0.map(\.bitPattern) } }
                + (scores.nsdr + scores.siSDR).map(\.bitPattern)
        }
        XCTAssertEqual(first.frameCount, 30)
        XCTAssertTrue(first.sdr.allSatisfy { $0.allSatisfy(\.isFinite) })
        for _ in 0..<4 {
            XCTAssertEqual(bits(try BSSEval.evaluate(references: refs, estimates: ests, options: options)), bits(first))
        }
    }

    func testSilentSourceIsRejectedByName() {
        let (refs, ests) = randomCase(seed: 9, sources: 2, channels: 2, length: 3000)
        var silentRefs = refs
        silentRefs[1] =
            [[Double]](repeating: [Double](repeating: 0.25, count: 3000), count: 1)
            + [[Double]](repeating: [Double](repeating: -0.25, count: 3000), count: 1) // L = −R: silent for museval
        XCTAssertThrowsError(try BSSEval.evaluate(references: silentRefs, estimates: ests)) { error in
            XCTAssertEqual(error as? BSSEvalError, .silentSource(.reference, index: 1))
            XCTAssertTrue("\(error)".contains("reference source 1"), "\(error)")
        }
        var silentEsts = ests
        silentEsts[0] = [[Double]](repeating: [Double](repeating: 0, count: 3000), count: 2)
        XCTAssertThrowsError(try BSSEval.evaluate(references: refs, estimates: silentEsts)) { error in
            XCTAssertEqual(error as? BSSEvalError, .silentSource(.estimate, index: 0))
            XCTAssertTrue("\(error)".contains("estimate source 0"), "\(error)")
        }
        // Estimate silent only after the reference length: truncated away, then silent.
        var late = ests
        late[1] = [[Double]](repeating: [Double](repeating: 0, count: 3000) + [1, 1], count: 2)
        XCTAssertThrowsError(try BSSEval.evaluate(references: refs, estimates: late)) { error in
            XCTAssertEqual(error as? BSSEvalError, .silentSource(.estimate, index: 1))
        }
    }

    func testShapeErrors() {
        let (refs, ests) = randomCase(seed: 3, sources: 2, channels: 2, length: 2000)
        XCTAssertThrowsError(try BSSEval.evaluate(references: refs, estimates: Array(ests.prefix(1)))) { error in
            guard case .shapeMismatch = error as? BSSEvalError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try BSSEval.evaluate(references: [], estimates: ests)) { error in
            XCTAssertEqual(error as? BSSEvalError, .empty(.reference))
        }
        var ragged = ests
        ragged[1][0].removeLast()
        XCTAssertThrowsError(try BSSEval.evaluate(references: refs, estimates: ragged)) { error in
            XCTAssertEqual(error as? BSSEvalError, .ragged(.estimate, source: 1))
        }
        var raggedRefs = refs
        raggedRefs[1] = raggedRefs[1].map { Array($0.dropLast()) }
        XCTAssertThrowsError(try BSSEval.evaluate(references: raggedRefs, estimates: ests)) { error in
            XCTAssertEqual(error as? BSSEvalError, .ragged(.reference, source: 1))
        }
        // Estimates of different lengths are each padded / truncated to the references.
        var uneven = ests
        uneven[0] = uneven[0].map { Array($0.prefix(1500)) }
        uneven[1] = uneven[1].map { $0 + [0.5, 0.5] }
        let padded = [uneven[0].map { $0 + [Double](repeating: 0, count: 500) }, ests[1]]
        XCTAssertEqual(
            try BSSEval.evaluate(references: refs, estimates: uneven),
            try BSSEval.evaluate(references: refs, estimates: padded))
        XCTAssertThrowsError(
            try BSSEval.evaluate(
                references: refs, estimates: ests,
                options: BSSEvalOptions(window: 0)))
    }

    func testFramingMatchesMuseval() {
        XCTAssertEqual(Framing(window: 44100, hop: 44100, length: 300_032).count, 6)
        XCTAssertEqual(Framing(window: 20000, hop: 15000, length: 100_003).count, 6) // floor(95003 / 15000)
        XCTAssertEqual(Framing(window: 44100, hop: 44100, length: 30000).count, 1)
        XCTAssertEqual(Framing(window: 44100, hop: 44100, length: 30000).range(0), 0..<30000)
        XCTAssertEqual(Framing(window: 100, hop: 100, length: 100).count, 1)
    }

    /// Hungarian result against brute force, with ties resolved as museval's argmax does.
    func testAssignmentMatchesEnumeration() {
        func permutations(_ n: Int) -> [[Int]] {
            if n == 0 { return [[]] }
            var out = [[Int]]()
            for p in permutations(n - 1) {
                for i in 0...p.count { var q = p; q.insert(n - 1, at: i); out.append(q) }
            }
            return out.sorted { $0.lexicographicallyPrecedes($1) }
        }
        for seed in 1...40 {
            let n = 2 + seed % 5
            let u = SignalRecipe.uniform(seed: UInt64(seed), count: n * n)
            // seeds divisible by 3: coarse values, so exact ties are common
            let w = (0..<n).map { i in (0..<n).map { j in seed % 3 == 0 ? (u[i * n + j] * 2).rounded() : u[i * n + j] }
            }
            var best = [Int](), bestValue = -Double.infinity
            for p in permutations(n) {
                let v = p.enumerated().reduce(0.0) { $0 + w[$1.offset][$1.element] }
                if v > bestValue { bestValue = v; best = p } // first maximum in lexicographic order
            }
            XCTAssertEqual(LinearAssignment.maximize(w), best, "seed \(seed)")
        }
        // +∞ wins, first in lexicographic order
        XCTAssertEqual(LinearAssignment.maximize([[0, 0, 0], [0, 0, .infinity], [0, 0, 0]]), [0, 2, 1])
        // dozens of sources: polynomial time
        let n = 40
        let u = SignalRecipe.uniform(seed: 77, count: n * n)
        var w = (0..<n).map { i in (0..<n).map { j in u[i * n + j] } }
        let shuffle = (0..<n).map { ($0 * 7 + 3) % n }
        for i in 0..<n { w[i][shuffle[i]] += 10 }
        XCTAssertEqual(LinearAssignment.maximize(w), shuffle)
    }

    func testGlobalSDRAndSISDR() throws {
        let (refs, _) = randomCase(seed: 5, sources: 2, channels: 2, length: 4000)
        // estimate 0: half the reference (SI-SDR +∞, nsdr ≈ 6.02 dB); estimate 1: reference + orthogonal-ish noise
        let noise = SignalRecipe.uniform(seed: 99, count: 4000)
        let ests = [refs[0].map { $0.map { 0.5 * $0 } }, refs[1].map { ch in zip(ch, noise).map { $0 + 0.01 * $1 } }]
        let scores = try BSSEval.evaluate(
            references: refs, estimates: ests, options: BSSEvalOptions(window: 2000, hop: 2000))
        let energy = refs[0].joined().reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual(scores.nsdr[0], 10 * log10((energy + 1e-7) / (0.25 * energy + 1e-7)), accuracy: 1e-9)
        XCTAssertEqual(scores.siSDR[0], .infinity)
        // direct SI-SDR for estimate 1
        let s = Array(refs[1].joined()), x = Array(ests[1].joined())
        let alpha = zip(x, s).reduce(0) { $0 + $1.0 * $1.1 } / s.reduce(0) { $0 + $1 * $1 }
        let t = s.map { alpha * $0 }
        let expected =
            10 * log10(t.reduce(0) { $0 + $1 * $1 } / zip(t, x).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
        XCTAssertEqual(scores.siSDR[1], expected, accuracy: 1e-9)
        XCTAssertEqual(scores.frameStarts, [0, 2000])
        XCTAssertEqual(scores.frameLength, 2000)
    }
}
