import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// Our scores against Python museval 0.4.1's (goldens from
/// Scripts/goldens/museval_evaluate_goldens.py), and the `museval` executable end to end:
/// exit status, and a run killed mid-way then rerun.
final class EvaluateParityTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    static let goldens = TestData.fixtures.appendingPathComponent("museval/evaluate")

    /// The golden script's estimate: floor((0.9·target + 0.1·linear_mixture)·256 + 0.5)/256,
    /// exact in Float, so a 32-bit float WAV carries it unchanged.
    static func quantisedLeakyEstimate(_ targets: [String: AudioBuffer], _ target: String) -> AudioBuffer {
        let leaky = targets[target]!.scaled(by: 0.9).adding(targets["linear_mixture"]!, gain: 0.1)
        return AudioBuffer(
            sampleRate: leaky.sampleRate,
            channels: leaky.channels.map { $0.map { ($0 * 256 + 0.5).rounded(.down) / 256 } })
    }

    /// Same targets in the same order, same frames and NaN pattern, values within 0.01 dB.
    func assertMatches(
        _ ours: TrackScores, golden url: URL, stripExtension: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let golden = try TrackScores(contentsOf: url)
        let goldenNames = golden.targets.map { stripExtension ? ($0.name as NSString).deletingPathExtension : $0.name }
        XCTAssertEqual(ours.targets.map(\.name), goldenNames, file: file, line: line)
        var worst = 0.0, nanFrames = 0
        for (a, b) in zip(ours.targets, golden.targets) {
            XCTAssertEqual(a.frames.count, b.frames.count, a.name, file: file, line: line)
            for (x, y) in zip(a.frames, b.frames) {
                XCTAssertEqual(x.time, y.time, file: file, line: line)
                XCTAssertEqual(x.duration, y.duration, file: file, line: line)
                for metric in Metric.allCases {
                    let (p, q) = (x[metric], y[metric])
                    XCTAssertEqual(
                        p.isNaN || p.isInfinite, q.isNaN, "\(a.name) t=\(x.time) \(metric.name): \(p) vs \(q)",
                        file: file, line: line)
                    if q.isNaN { nanFrames += 1; continue }
                    // Compare after the JSON's 5-decimal rounding.
                    let rounded = (p * 100_000).rounded(.toNearestOrEven) / 100_000
                    worst = max(worst, abs(rounded - q))
                }
            }
        }
        XCTAssertLessThanOrEqual(worst, 0.01, "largest difference \(worst) dB", file: file, line: line)
        print("parity \(url.lastPathComponent): max |diff| \(worst) dB, \(nanFrames) NaN values")
    }

    func testEvalMusTrackParityThroughAMusevalLayoutFolder() async throws {
        let hq = try TestData.requireShared("musdb-sample/hq")
        let database = try Database(root: hq, subsets: [.train], isWav: true)
        let track = database.tracks[0]
        let references = try track.load(Target.standard)
        let temp = try TestData.temporaryDirectory(self)
        let folder = temp.appendingPathComponent("estimates/train/\(track.name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for target in ["vocals", "drums", "bass", "other", "accompaniment"] {
            var estimate = Self.quantisedLeakyEstimate(references, target)
            if target == "vocals" { // the golden's silent second
                for c in estimate.channels.indices {
                    for i in 44100..<88200 { estimate.channels[c][i] = 0 }
                }
            }
            try AudioFile.write(estimate, to: folder.appendingPathComponent(target + ".wav"), format: .wavFloat32)
        }
        let discovery = try EstimateDiscovery.discover(in: temp.appendingPathComponent("estimates"))
        let plan = try DatasetEvaluation(
            database: database, discovery: discovery, output: temp.appendingPathComponent("out"))
        let report = try await BatchEvaluator().run(plan.jobs)
        XCTAssertTrue(report.succeeded, report.summary)
        let scores = try TrackScores(contentsOf: report.outcomes[0].output)
        try assertMatches(scores, golden: Self.goldens.appendingPathComponent("eval_mus_track.json"))
        XCTAssertTrue(
            scores.targets.allSatisfy { $0.frames[1].sdr.isNaN }, "the silent vocals second is NaN everywhere")
    }

    func testEvalDirParityWithPairingByName() throws {
        let hq = try TestData.requireShared("musdb-sample/hq")
        let track = try Database(root: hq, subsets: [.train], isWav: true).tracks[0]
        let references = try track.load(Target.standard)
        let temp = try TestData.temporaryDirectory(self)
        let referenceFolder = temp.appendingPathComponent("references")
        let estimateFolder = temp.appendingPathComponent("separated")
        for folder in [referenceFolder, estimateFolder] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        // Estimates under separator-style names, created in another order than the references.
        let names = ["vocals": "Vocals", "drums": "drum", "bass": "bass", "other": "other"]
        for target in ["vocals", "drums", "bass", "other"] {
            try AudioFile.write(
                references[target]!, to: referenceFolder.appendingPathComponent(target + ".wav"), format: .wavFloat32)
        }
        for target in ["other", "bass", "drums", "vocals"] {
            try AudioFile.write(
                Self.quantisedLeakyEstimate(references, target),
                to: estimateFolder.appendingPathComponent(names[target]! + ".wav"), format: .wavFloat32)
        }
        let result = try DirectoryEvaluation.evaluate(
            references: referenceFolder, estimates: estimateFolder,
            options: EvaluationOptions(window: 2, hop: 1.5))
        XCTAssertEqual(result.unpaired, [])
        XCTAssertEqual(result.scores.track, "references")
        // museval lists targets in directory order; ours are in museval's target order.
        let golden = try TrackScores(contentsOf: Self.goldens.appendingPathComponent("eval_dir.json"))
        let order = result.scores.targets.map(\.name)
        let reordered = TrackScores(
            track: golden.track,
            targets: order.map { name in
                golden.targets.first { ($0.name as NSString).deletingPathExtension == name }!
            })
        let url = temp.appendingPathComponent("golden.json")
        try reordered.write(to: url)
        try assertMatches(result.scores, golden: url, stripExtension: true)
        XCTAssertTrue(DirectoryEvaluation.summary(of: result.scores).hasPrefix("vocals          ==> SDR:"))
    }

    // MARK: The executable

    /// The `museval` executable next to the test bundle, or a skip.
    func executable() throws -> URL { try CommandRunner.product("museval") }

    /// Runs `museval` and returns its standard error, asserting the exit status.
    @discardableResult
    func runTool(_ arguments: [String], status expected: Int32) throws -> String {
        let result = try CommandRunner.run("museval", arguments)
        XCTAssertEqual(result.status, expected, result.stderr)
        return result.stderr
    }

    func testTheCommandReportsFailuresWithANonZeroExitAndRefusesTheDatasetRoot() throws {
        _ = try executable()
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 1, seconds: 2)
        let estimates = temp.appendingPathComponent("separated/htdemucs")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.name)/\($1)" }
        let broken = estimates.appendingPathComponent("\(database.tracks[1].name)/other.wav")
        try Data("garbage".utf8).write(to: broken)
        let output = temp.appendingPathComponent("scores")
        let log = try runTool(
            [
                temp.appendingPathComponent("separated").path, "--musdb", database.root.path,
                "--is-wav", "-o", output.path, "--jobs", "2"
            ], status: 1)
        XCTAssertTrue(log.contains("layout: detected the Demucs output folder"), log)
        XCTAssertTrue(log.contains("1 scored, 0 skipped as up to date, 1 failed"), log)
        XCTAssertTrue(log.contains(broken.path), log)
        XCTAssertTrue(
            FileManager.default.fileExists(
                atPath: output.appendingPathComponent("train/\(database.tracks[0].name).json").path))

        let refused = try runTool(
            [
                estimates.path, "--musdb", database.root.path, "--is-wav",
                "-o", database.root.appendingPathComponent("scores").path
            ], status: 1)
        XCTAssertTrue(refused.contains("never written"), refused)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database.root.appendingPathComponent("scores").path))

        let badLayout = try runTool([estimates.path, "--musdb", database.root.path, "--layout", "{track}"], status: 64)
        XCTAssertTrue(badLayout.contains("{target}"), badLayout)
    }

    func testAKilledRunThenARerunLeavesTheSameFilesAsOneRun() throws {
        _ = try executable()
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 2, test: 1, seconds: 2)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        let whole = temp.appendingPathComponent("whole"), interrupted = temp.appendingPathComponent("interrupted")
        let arguments = [estimates.path, "--musdb", database.root.path, "--is-wav", "--jobs", "1", "-o"]
        try runTool(arguments + [whole.path], status: 0)

        // Kill the second run as soon as its first score file appears.
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments + [interrupted.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let first = interrupted.appendingPathComponent(
            "\(database.tracks[0].subset.rawValue)/\(database.tracks[0].name).json")
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: first.path), process.isRunning, Date() < deadline {
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = try jsonFiles(in: interrupted)
        XCTAssertLessThan(partial.count, try jsonFiles(in: whole).count, "the run was interrupted before it finished")

        let log = try runTool(arguments + [interrupted.path], status: 0)
        XCTAssertTrue(log.contains("skipped as up to date"), log)
        let files = try jsonFiles(in: whole)
        XCTAssertEqual(try jsonFiles(in: interrupted), files, "the same files, no leftovers")
        for name in files {
            XCTAssertEqual(
                try Data(contentsOf: whole.appendingPathComponent(name)),
                try Data(contentsOf: interrupted.appendingPathComponent(name)), name)
        }
    }

    /// Every file under `folder` (hidden ones too), relative.
    func jsonFiles(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var result = [String]()
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result.append(name)
            }
        }
        return result.sorted()
    }
}
