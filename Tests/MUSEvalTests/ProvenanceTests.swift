import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// Provenance sidecars and honest resume: a rerun rescores what changed, skips what did
/// not (repeating its warnings), and refuses to mix origins in one folder unless forced.
final class ProvenanceTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    private func setUp(tracks: Int = 2) throws -> (URL, Database, URL) {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 0, test: tracks, seconds: 2)
        let estimates = temp.appendingPathComponent("methodA")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        return (temp, database, estimates)
    }

    private func refusal(_ body: () async throws -> Void) async -> String? {
        do { try await body() } catch let error as EvaluationError {
            guard case .foreignScores = error else { XCTFail("\(error)"); return nil }
            return error.description
        } catch { XCTFail("\(error)"); return nil }
        XCTFail("not refused")
        return nil
    }

    func testTheSidecarIsHiddenAndTheScoreFileUnchanged() async throws {
        let (temp, database, estimates) = try setUp()
        let output = temp.appendingPathComponent("scores")
        let report = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(report.scored.count, 2)
        let folder = ResultsFolder(url: output)
        XCTAssertEqual(try folder.scoreFiles().map(\.lastPathComponent), database.tracks.map { $0.name + ".json" })
        for outcome in report.outcomes {
            let scores = try TrackScores(contentsOf: outcome.output)
            XCTAssertEqual(
                try String(contentsOf: outcome.output, encoding: .utf8), scores.jsonString(), "museval's bytes")
            let provenance = try XCTUnwrap(Provenance.read(for: outcome.output))
            XCTAssertEqual(Provenance.url(for: outcome.output).lastPathComponent, ".\(outcome.track).provenance")
            // Python museval's add_eval_dir globs test/**/*.json with pathlib, hidden names included.
            let hiddenJSON = try FileManager.default.contentsOfDirectory(
                atPath: outcome.output.deletingLastPathComponent().path
            ).filter { $0.hasPrefix(".") && $0.hasSuffix(".json") }
            XCTAssertEqual(hiddenJSON, [])
            // An older version's sidecar (.provenance.json) is read, and replaced when rewritten.
            let legacy = Provenance.legacyURL(for: outcome.output)
            try FileManager.default.moveItem(at: Provenance.url(for: outcome.output), to: legacy)
            XCTAssertEqual(Provenance.read(for: outcome.output), provenance)
            try provenance.write(for: outcome.output)
            XCTAssertFalse(FileManager.default.fileExists(atPath: legacy.path))
            XCTAssertEqual(Provenance.read(for: outcome.output), provenance)
            XCTAssertEqual(provenance.version, MUSEvalVersion.version)
            XCTAssertTrue(provenance.tool.contains("museval 0.4.1-compatible"))
            XCTAssertEqual(provenance.origin.method, estimates.standardizedFileURL.path)
            XCTAssertEqual(
                provenance.origin.settings, ScoringSettings(options: .init(), layout: "{subset}/{track}/{target}"))
            XCTAssertEqual(provenance.inputs.filter { $0.role == "estimate" }.count, 4)
            XCTAssertEqual(provenance.inputs.filter { $0.role == "reference" }.count, 5, "mixture and four stems")
            XCTAssertEqual(provenance.scoreFile, Provenance.digest(of: outcome.output))
        }
        let aggregated = await folder.load()
        XCTAssertEqual(aggregated.failures, [])
        XCTAssertEqual(aggregated.scores.tracks.count, 2)
    }

    func testAnUnchangedRerunSkipsAndRepeatsTheWarnings() async throws {
        let (temp, database, estimates) = try setUp()
        let short = estimates.appendingPathComponent("test/\(database.tracks[0].name)/bass.wav")
        try F.rewrite(short) { $0 = $0.frames(0..<($0.frameCount - 100)) }
        let output = temp.appendingPathComponent("scores")
        let first = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(first.outcomes[0].adjustments, [.padded(short, frames: 100)])
        let second = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(second.upToDate.count, 2, second.summary)
        XCTAssertEqual(second.outcomes[0].keptWarnings, [InputAdjustment.padded(short, frames: 100).description])
        XCTAssertTrue(
            second.summary.contains(
                "warning (kept from the earlier run): test/\(database.tracks[0].name): "
                    + "\(short.path): 100 frames shorter than the reference, zero-padded at the end"), second.summary)
    }

    func testAnEditedEstimateOrReferenceIsRescored() async throws {
        let (temp, database, estimates) = try setUp(tracks: 3)
        let output = temp.appendingPathComponent("scores")
        _ = try await F.run(database, estimates: estimates, output: output)
        // Track 0: new estimate content; track 1: a reference stem rewritten (same samples, new bytes and mtime).
        try F.rewrite(estimates.appendingPathComponent("test/\(database.tracks[0].name)/vocals.wav")) {
            $0 = $0.scaled(by: 0.5)
        }
        try F.rewrite(database.tracks[1].sourceURLs[.drums]!) { _ in }
        let rerun = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(rerun.scored.map(\.track), [database.tracks[0].name, database.tracks[1].name], rerun.summary)
        XCTAssertEqual(rerun.upToDate.map(\.track), [database.tracks[2].name])
    }

    func testAnotherSettingIsRefusedBeforeScoringAndForceRescores() async throws {
        let (temp, database, estimates) = try setUp()
        let output = temp.appendingPathComponent("scores")
        _ = try await F.run(database, estimates: estimates, output: output)
        let before = try database.tracks.map {
            try Data(contentsOf: output.appendingPathComponent("test/\($0.name).json"))
        }
        let mode = await refusal {
            _ = try await F.run(
                database, estimates: estimates, output: output,
                options: .init(mode: .v3))
        }
        XCTAssertTrue(
            mode?.contains("holds scores of \(estimates.path) with --win 1 --hop 1 --mode v4") ?? false, mode ?? "")
        XCTAssertTrue(
            mode?.contains("(--mode differ); this run is \(estimates.path) with --win 1 --hop 1 --mode v3") ?? false,
            mode ?? "")
        XCTAssertTrue(mode?.contains("--force") ?? false)
        let window = await refusal {
            _ = try await F.run(
                database, estimates: estimates, output: output,
                options: .init(window: 2, hop: 2))
        }
        XCTAssertTrue(window?.contains("--win/--hop differ") ?? false, window ?? "")
        let after = try database.tracks.map {
            try Data(contentsOf: output.appendingPathComponent("test/\($0.name).json"))
        }
        XCTAssertEqual(after, before, "nothing was scored")

        let forced = try await F.run(
            database, estimates: estimates, output: output, options: .init(window: 2, hop: 2),
            force: true
        ).0
        XCTAssertEqual(forced.scored.count, 2, forced.summary)
        let scores = try TrackScores(contentsOf: forced.outcomes[0].output)
        XCTAssertEqual(scores.targets[0].frames.count, 1, "2 s track, 2 s window")
        XCTAssertEqual(Provenance.read(for: forced.outcomes[0].output)?.origin.settings.window, 2)
        let again = try await F.run(database, estimates: estimates, output: output, options: .init(window: 2, hop: 2)).0
        XCTAssertEqual(again.upToDate.count, 2, "the replaced provenance stands")
    }

    func testAnotherMethodIsRefusedAndForceWritesItsOwnScores() async throws {
        let (temp, database, methodA) = try setUp()
        let methodB = temp.appendingPathComponent("methodB")
        // Method B: every estimate is the leaky vocals (other scores than A's).
        try F.writeEstimates(database, to: methodB, targets: F.fourStems.map { ($0.file, "vocals") }) {
            "\($0.subset.rawValue)/\($0.name)/\($1)"
        }
        let output = temp.appendingPathComponent("scores")
        _ = try await F.run(database, estimates: methodA, output: output)
        let message = await refusal { _ = try await F.run(database, estimates: methodB, output: output) }
        XCTAssertTrue(
            message?.hasPrefix("\(output.path) holds scores of \(methodA.path) with --win 1 --hop 1 --mode v4")
                ?? false,
            message ?? "")
        XCTAssertTrue(message?.contains("this run is \(methodB.path) with") ?? false, message ?? "")
        XCTAssertTrue(
            message?.contains("pass --force to rescore and replace all 2 score files") ?? false, message ?? "")

        let forced = try await F.run(database, estimates: methodB, output: output, force: true).0
        XCTAssertEqual(forced.scored.count, 2)
        let fresh = temp.appendingPathComponent("fresh")
        _ = try await F.run(database, estimates: methodB, output: fresh)
        for track in database.tracks {
            XCTAssertEqual(
                try Data(contentsOf: output.appendingPathComponent("test/\(track.name).json")),
                try Data(contentsOf: fresh.appendingPathComponent("test/\(track.name).json")),
                "the folder now holds method B's scores")
        }
    }

    func testScoresWithoutProvenanceAreOfUnknownOrigin() async throws {
        let (temp, database, estimates) = try setUp()
        let output = temp.appendingPathComponent("scores")
        let first = try await F.run(database, estimates: estimates, output: output).0
        for outcome in first.outcomes { try FileManager.default.removeItem(at: Provenance.url(for: outcome.output)) }
        let message = await refusal { _ = try await F.run(database, estimates: estimates, output: output) }
        XCTAssertTrue(
            message?.contains(
                "holds scores of unknown origin (no provenance sidecar: written by Python museval "
                    + "or an older version)") ?? false, message ?? "")
        let forced = try await F.run(database, estimates: estimates, output: output, force: true).0
        XCTAssertEqual(forced.scored.count, 2)
    }

    func testAFailedRescoreRemovesTheStaleScoreFile() async throws {
        let (temp, database, estimates) = try setUp()
        let output = temp.appendingPathComponent("scores")
        let first = try await F.run(database, estimates: estimates, output: output).0
        try F.rewrite(database.tracks[1].sourceURLs[.vocals]!) { $0.channels[0][7] = .nan }
        let rerun = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(rerun.failed.map(\.track), [database.tracks[1].name])
        XCTAssertTrue(rerun.failed[0].removedStale)
        XCTAssertFalse(FileManager.default.fileExists(atPath: first.outcomes[1].output.path))
        XCTAssertTrue(rerun.summary.contains("was removed"), rerun.summary)
    }

    func testDirRecordsProvenanceAndRefusesAnotherOrigin() throws {
        let temp = try TestData.temporaryDirectory(self)
        let references = temp.appendingPathComponent("song")
        let a = temp.appendingPathComponent("a"), b = temp.appendingPathComponent("b"),
            out = temp.appendingPathComponent("out")
        for folder in [references, a, b] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        func tone(_ f: Double, _ frames: Int = 8000) -> AudioBuffer {
            AudioBuffer(
                sampleRate: 8000, channels: Array(repeating: (0..<frames).map { sin(Double($0) * f / 1000) }, count: 2))
        }
        for (name, f) in [("vocals", 3.0), ("bass", 1.0)] {
            try AudioFile.write(tone(f), to: references.appendingPathComponent(name + ".wav"), format: .wav16)
            try AudioFile.write(tone(f + 0.1, 7000), to: a.appendingPathComponent(name + ".wav"), format: .wav16)
            try AudioFile.write(tone(f + 0.2), to: b.appendingPathComponent(name + ".wav"), format: .wav16)
        }
        let (_, url) = try DirectoryEvaluation.run(
            references: references, estimates: a, output: out, kernel: F.fakeKernel)
        let provenance = try XCTUnwrap(Provenance.read(for: url))
        XCTAssertEqual(provenance.command, "dir")
        XCTAssertEqual(provenance.inputs.count, 4)
        XCTAssertEqual(provenance.adjustments.count, 2, "both estimates padded")
        XCTAssertNoThrow(
            try DirectoryEvaluation.run(references: references, estimates: a, output: out, kernel: F.fakeKernel))
        XCTAssertThrowsError(
            try DirectoryEvaluation.run(references: references, estimates: b, output: out, kernel: F.fakeKernel)
        ) {
            XCTAssertTrue("\($0)".contains("holds scores of \(a.path)") && "\($0)".contains("--force"), "\($0)")
        }
        XCTAssertNoThrow(
            try DirectoryEvaluation.run(
                references: references, estimates: b, output: out, force: true,
                kernel: F.fakeKernel))
        XCTAssertEqual(Provenance.read(for: url)?.origin.method, b.standardizedFileURL.path)
    }
}
