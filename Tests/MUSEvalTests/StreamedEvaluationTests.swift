import Audio
import BSSEval
import Foundation
import MUSDB
import ScoreFiles
import TestSupport
import XCTest

@testable import MUSEval

/// Scoring from files read a block at a time: the same bits as the arrays read whole, for a
/// track longer than the kernel's windows, of an odd length, with padded, mono, resampled
/// and perfect estimates; and the same score files for `--jobs 1` and `--jobs 2`.
final class StreamedEvaluationTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    func bits(_ scores: TrackScores) -> [String: [UInt64]] {
        var out = [String: [UInt64]]()
        for target in scores.targets {
            out[target.name] = target.frames.flatMap { [$0.sdr, $0.sir, $0.sar, $0.isr].map(\.bitPattern) }
        }
        return out
    }

    /// Noise through a one-pole low-pass, so the sources are music-like and distinct.
    func noise(seed: UInt64, frames: Int, channels: Int = 2, rate: Int = 44100, pole: Double) -> AudioBuffer {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> Double {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        return AudioBuffer(
            sampleRate: rate,
            channels: (0..<channels).map { _ in
                var y = 0.0
                return (0..<frames).map { _ in
                    y = pole * y + (1 - pole) * next()
                    return y
                }
            })
    }

    func testScoresFromFilesReadInBlocksAreTheArrayScores() throws {
        let temp = try TestData.temporaryDirectory(self)
        let references = temp.appendingPathComponent("song"), estimates = temp.appendingPathComponent("estimates")
        for folder in [references, estimates] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        // 9.3 s and an odd number of frames: several windows of the kernel (two 1 s frames per
        // core), a tail after the last frame.
        let frames = 410_017
        let names = ["vocals", "drums", "bass", "other"]
        var truth = [String: AudioBuffer]()
        for (j, name) in names.enumerated() {
            let source = noise(seed: UInt64(j + 1), frames: frames, pole: 0.5 + 0.12 * Double(j))
            let url = references.appendingPathComponent(name + ".wav")
            try AudioFile.write(source, to: url, format: .wav16)
            truth[name] = try AudioFile.read(url)
        }
        func leaky(_ name: String) -> AudioBuffer {
            var out = truth[name]!.scaled(by: 0.8)
            for other in names where other != name { out = out.adding(truth[other]!, gain: 0.07) }
            return out
        }
        // vocals: perfect (its frames go to the spectral scorer, read again); drums: mono;
        // bass: 1.5 s short (zero-padded); other: at 22050 Hz (resampled, in memory).
        try AudioFile.write(truth["vocals"]!, to: estimates.appendingPathComponent("vocals.wav"), format: .wavFloat32)
        let drums = leaky("drums")
        try AudioFile.write(
            AudioBuffer(sampleRate: 44100, channels: [zip(drums.channels[0], drums.channels[1]).map { ($0 + $1) / 2 }]),
            to: estimates.appendingPathComponent("drums.wav"), format: .wavFloat32)
        try AudioFile.write(
            leaky("bass").frames(0..<(frames - 66_150)), to: estimates.appendingPathComponent("bass.wav"),
            format: .wavFloat32)
        try AudioFile.write(
            try leaky("other").resampled(to: 22050), to: estimates.appendingPathComponent("other.wav"),
            format: .wavFloat32)

        let streamed = try DirectoryEvaluation.evaluate(references: references, estimates: estimates)
        // Mono duplicated, padded, resampled (and the resampled file one frame long, cut).
        XCTAssertEqual(streamed.adjustments.count, 4, "\(streamed.adjustments)")

        // The same inputs read whole into arrays and scored by the array API.
        var arrays = (references: [[[Double]]](), estimates: [[[Double]]]())
        for name in names {
            arrays.references.append(truth[name]!.channels)
            let (audio, _) = try EstimateLoading.load(
                estimates.appendingPathComponent(name + ".wav"), sampleRate: 44100, channelCount: 2, frameCount: frames)
            arrays.estimates.append(audio.channels)
        }
        let whole = try BSSEval.evaluate(references: arrays.references, estimates: arrays.estimates)
        let expected = TrackScores(
            track: "song",
            targets: names.enumerated().map { j, name in
                TargetScores(
                    name: name, sdr: whole.sdr[j], sir: whole.sir[j], sar: whole.sar[j], isr: whole.isr[j], window: 1,
                    hop: 1)
            })
        XCTAssertEqual(bits(streamed.scores), bits(expected))
        XCTAssertEqual(streamed.scores.targets[0].frames.count, 9)
        // The perfect vocals estimate: at the rounding floor or exact (+∞); the last frame is
        // NaN because the padded bass estimate is silent there (museval's rule).
        let vocals = streamed.scores.targets[0].frames.map(\.sdr)
        XCTAssertTrue(vocals.dropLast().allSatisfy { $0 > 150 }, "\(vocals)")
        XCTAssertTrue(vocals.last?.isNaN ?? false, "\(vocals)")
    }

    func testJobsOneAndTwoWriteTheSameScoreFiles() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 2, seconds: 5)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(
            database, to: estimates, targets: F.fourStems + [("accompaniment", "accompaniment")], format: .wavFloat32
        ) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        var outputs = [[String: Data]]()
        for jobs in ["1", "2"] {
            let output = temp.appendingPathComponent("jobs\(jobs)")
            let result = try CommandRunner.run(
                "museval",
                [estimates.path, "--musdb", database.root.path, "--is-wav", "--jobs", jobs, "-o", output.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            var files = [String: Data]()
            for track in database.tracks {
                let name = "\(track.subset.rawValue)/\(track.name).json"
                files[name] = try Data(contentsOf: output.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0].count, 3)
        XCTAssertEqual(outputs[0], outputs[1])
    }
}

/// The vocals/accompaniment run of a five-target track shares the four-source run's pass
/// (`ScoringKernel.evaluateDerived`): the four-source targets are the bits of scoring them
/// alone, vocals and accompaniment within 1e-6 dB of their own run (the rounding of a sum of
/// lags against the lags of a sum) wherever a score is above the rounding floor, their
/// whole-track figures the same bits.
final class SharedPairRunTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    func testAccompanimentIsTheSumOfItsStemTargets() {
        let sums = DatasetEvaluation.referenceSums(Target.standard)
        XCTAssertEqual(sums["accompaniment"]?.map(\.target), ["bass", "drums", "other"])
        XCTAssertEqual(sums["linear_mixture"]?.map(\.target), ["vocals", "bass", "drums", "other"])
        XCTAssertNil(sums["vocals"])
        XCTAssertEqual(
            TrackEvaluation.derivedTerms(
                ["vocals", "accompaniment"], of: ["vocals", "drums", "bass", "other"], sums: sums)?
                .map { $0.map(\.index) }, [[0], [2, 1, 3]])
        XCTAssertNil(TrackEvaluation.derivedTerms(["vocals", "accompaniment"], of: ["vocals", "drums"], sums: sums))
    }

    func testPairRunSharesTheFourSourcePass() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 0, test: 1, seconds: 6)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(
            database, to: estimates, targets: F.fourStems + [("accompaniment", "accompaniment")], format: .wavFloat32
        ) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        let discovery = try EstimateDiscovery.discover(in: estimates)
        let shared = SharedCalls()
        let counting = ScoringKernel(
            evaluate: ScoringKernel.bssEval.evaluate,
            evaluateDerived: { references, estimates, derived, window, hop, mode in
                shared.add()
                return try ScoringKernel.bssEval.evaluateDerived!(references, estimates, derived, window, hop, mode)
            })
        let separate = ScoringKernel(evaluate: ScoringKernel.bssEval.evaluate)
        func scores(_ kernel: ScoringKernel) throws -> TrackScores {
            let plan = try DatasetEvaluation(
                database: database, discovery: discovery, output: temp.appendingPathComponent("out"), kernel: kernel)
            XCTAssertEqual(plan.jobs.count, 1)
            return try plan.jobs[0].score().0
        }
        let together = try scores(counting), alone = try scores(separate)
        XCTAssertEqual(shared.count, 1)
        XCTAssertEqual(together.targets.map(\.name), ["drums", "bass", "other", "vocals", "accompaniment"])
        for (a, b) in zip(together.targets, alone.targets) {
            let pairs = zip(a.frames, b.frames).flatMap { x, y in
                zip([x.sdr, x.sir, x.sar, x.isr], [y.sdr, y.sir, y.sar, y.isr])
            }
            if ["drums", "bass", "other"].contains(a.name) {
                XCTAssertTrue(pairs.allSatisfy { $0.bitPattern == $1.bitPattern }, a.name)
            } else {
                XCTAssertTrue(pairs.allSatisfy { $0.isNaN == $1.isNaN }, a.name)
                // The fixture's estimates are exact mixes of the stems, so SAR sits at the
                // rounding floor (~145 dB), where any two roundings differ: both must be there.
                let floor = pairs.filter { $0.0 > 100 || $0.1 > 100 }
                XCTAssertTrue(floor.allSatisfy { $0.0 > 100 && $0.1 > 100 }, a.name)
                let worst = pairs.filter { !$0.0.isNaN && $0.0 <= 100 }.map { abs($0.0 - $0.1) }.max() ?? .nan
                XCTAssertLessThan(worst, 1e-6, a.name)
            }
        }
        XCTAssertEqual(together.global, alone.global)
        XCTAssertNotNil(together.global)
    }
}

private final class SharedCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }
    func add() {
        lock.lock()
        calls += 1
        lock.unlock()
    }
}
