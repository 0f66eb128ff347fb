import Audio
import Foundation
import SeededRandom
import TestSupport
import XCTest

@testable import BSSEval

extension BSSEvalKernelTests {
    /// Real stems are band-limited, so the distortion filters are large where the stems are
    /// quiet and the lag scorer's rounding bound grows with them. A separator-like estimate
    /// of real music (0.8 of the stem, 0.15 of the others, noise at 0.2 of the stems'
    /// standard deviation) must still be scored from its lags, every frame, and agree with
    /// the spectral scorer, which forms each residual before squaring it.
    func testRealMusicIsScoredFromLags() throws {
        let track = try TestData.requireShared("musdb-sample/hq/train/Music Delta - 80s Rock")
        let refs = try ["vocals", "drums", "bass", "other"].map {
            try AudioFile.read(track.appendingPathComponent("\($0).wav")).channels
        }
        let n = refs[0][0].count, channels = refs[0].count
        var sumOfSquares = 0.0
        for source in refs { for channel in source { for x in channel { sumOfSquares += x * x } } }
        let deviation = (sumOfSquares / Double(refs.count * channels * n)).squareRoot()
        var random = SplitMix64(seed: 42)
        let ests = refs.indices.map { j in
            (0..<channels).map { c in
                (0..<n).map { i in
                    var others = 0.0
                    for k in refs.indices where k != j { others += refs[k][c][i] }
                    return 0.8 * refs[j][c][i] + 0.15 * others + 0.2 * deviation * random.nextNormal()
                }
            }
        }
        var options = BSSEvalOptions(window: 44100, hop: 44100)
        let before = FastKernel.framesScoredFromLags.load(ordering: .relaxed)
        let lags = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
        let scored = FastKernel.framesScoredFromLags.load(ordering: .relaxed) - before
        XCTAssertEqual(lags.frameCount, 6)
        XCTAssertEqual(scored, lags.frameCount, "every frame of real music should be scored from its lags")
        options.scoresFramesFromLags = false
        let spectral = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
        let worst = assertScoresMatch(lags, spectral, accuracy: 2e-6, "real music")
        print("bsseval real music, lag scoring vs spectral scoring: max |Δ| = \(worst) dB")
    }
}
