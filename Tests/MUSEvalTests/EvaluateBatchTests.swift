import Audio
import FileOutput
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// Whole folders scored with a fast stand-in kernel (`EvaluateTestFixtures.fakeKernel`):
/// layouts, the eval_mus_track rules, failures, resume. Parity with the real kernel and
/// Python is in EvaluateParityTests.
final class EvaluateBatchTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    private func names(_ scores: TrackScores) -> [String] { scores.targets.map(\.name) }

    func testEveryPresetLayoutScoresEveryTrack() async throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp)
        let twoStems = [(file: "vocals", target: "vocals"), (file: "accompaniment", target: "accompaniment")]
        let cases:
            [(
                name: String, files: [(file: String, target: String)], folder: String, point: String,
                path: (Track, String) -> String, targets: [String]
            )] = [
                (
                    "museval", F.fourStems, "museval", "museval", { "\($0.subset.rawValue)/\($0.name)/\($1)" },
                    ["vocals", "drums", "bass", "other"]
                ),
                (
                    "demucs parent", [("vocals", "vocals"), ("drums", "drums"), ("bass", "bass"), ("other", "other")],
                    "separated", "separated", { "htdemucs/\($0.name)/\($1)" }, ["vocals", "drums", "bass", "other"]
                ),
                (
                    "demucs model folder", [("vocals", "vocals"), ("no_vocals", "accompaniment")],
                    "separated2", "separated2/mdx", { "mdx/\($0.name)/\($1)" }, ["vocals", "accompaniment"]
                ),
                ("spleeter", twoStems, "spleeter", "spleeter", { "\($0.name)/\($1)" }, ["vocals", "accompaniment"]),
                ("open-unmix", F.fourStems, "umx", "umx", { "\($0.name)/\($1)" }, ["vocals", "drums", "bass", "other"]),
                (
                    "uvr", [("Vocals", "vocals"), ("Instrumental", "accompaniment")], "uvr", "uvr",
                    { "\($0.name)_(\($1))" }, ["vocals", "accompaniment"]
                )
            ]
        var reference: [String: Double] = [:]
        for item in cases {
            let folder = temp.appendingPathComponent(item.folder)
            try F.writeEstimates(database, to: folder, targets: item.files, path: item.path)
            let output = temp.appendingPathComponent("scores-\(item.folder)")
            let (report, discovery) = try await F.run(
                database, estimates: temp.appendingPathComponent(item.point),
                output: output)
            XCTAssertEqual(report.scored.count, 3, "\(item.name): \(report.summary)")
            XCTAssertTrue(report.succeeded, item.name)
            XCTAssertFalse(discovery.explanation.isEmpty)
            for track in database.tracks {
                let url = output.appendingPathComponent("\(track.subset.rawValue)/\(track.name).json")
                let scores = try TrackScores(contentsOf: url)
                XCTAssertEqual(names(scores), item.targets, item.name)
                XCTAssertEqual(scores.targets[0].frames.count, 3, "3 s tracks, 1 s windows")
                let sdr = scores.targets[0].frames[1].sdr
                XCTAssertTrue(sdr.isFinite && sdr > 5, "\(item.name): leaky vocals SDR \(sdr)")
                // The same vocals file content gives the same score in every layout.
                if let previous = reference[track.name] { XCTAssertEqual(sdr, previous, accuracy: 1e-12, item.name) }
                reference[track.name] = sdr
            }
        }
    }

    func testTheEvalMusTrackGroupingRules() {
        XCTAssertNil(TrackEvaluationPlan(targets: ["vocals"]))
        XCTAssertNil(TrackEvaluationPlan(targets: ["piano", "drums"]), "unknown names do not count")
        let pair = TrackEvaluationPlan(targets: ["accompaniment", "vocals"])!
        XCTAssertEqual(pair.groups, [["vocals", "accompaniment"]])
        XCTAssertEqual(pair.writtenTargets, ["vocals", "accompaniment"])
        let five = TrackEvaluationPlan(targets: ["accompaniment", "other", "bass", "drums", "vocals"])!
        XCTAssertEqual(five.groups, [["vocals", "drums", "bass", "other"], ["vocals", "accompaniment"]])
        XCTAssertEqual(five.writtenTargets, ["drums", "bass", "other", "vocals", "accompaniment"])
        let three = TrackEvaluationPlan(targets: ["vocals", "drums", "accompaniment"])!
        XCTAssertEqual(three.writtenTargets, ["drums", "vocals", "accompaniment"])
        let noPair = TrackEvaluationPlan(targets: ["accompaniment", "drums"])!
        XCTAssertEqual(noPair.groups, [["drums", "accompaniment"]])
    }

    func testVocalsComeFromTheVocalsAccompanimentRun() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 0, seconds: 2)
        let track = database.tracks[0]
        let names = ["vocals", "drums", "bass", "other", "accompaniment"]
        let references = try track.load(names.map { try track.target(named: $0) })
        var estimates = [String: AudioBuffer]()
        for name in names { estimates[name] = try F.leakyEstimate(track, target: name) }
        // A kernel whose SDR is the number of sources scored together shows which run a target came from.
        let groupSize = ScoringKernel { references, _, window, hop, _ in
            let frames = (references[0].frameCount - window + hop) / hop
            let values = references.map { _ in [Double](repeating: Double(references.count), count: frames) }
            return .init(sdr: values, isr: values, sir: values, sar: values)
        }
        let scores = try TrackEvaluation.score(
            track: track.name, references: references, estimates: estimates,
            rate: track.rate, kernel: groupSize)
        XCTAssertEqual(scores.targets.map(\.name), ["drums", "bass", "other", "vocals", "accompaniment"])
        XCTAssertEqual(scores.targets.map { $0.frames[0].sdr }, [4, 4, 4, 2, 2])
        XCTAssertEqual(scores.targets[0].frames.map(\.time), [0, 1])
    }

    func testFailingTracksAreReportedAndTheOthersScored() async throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 3, test: 3, seconds: 2)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        func file(_ index: Int, _ target: String) -> URL {
            let track = database.tracks[index]
            return estimates.appendingPathComponent("\(track.subset.rawValue)/\(track.name)/\(target).wav")
        }
        let frames = 2 * 44100
        // 1: missing bass; 2: unreadable vocals; 3: silent drums; 4: a NaN in other; 5: 3-channel vocals.
        try FileManager.default.removeItem(at: file(1, "bass"))
        try Data("not audio".utf8).write(to: file(2, "vocals"))
        try AudioFile.write(
            AudioBuffer(sampleRate: 44100, frameCount: frames, channelCount: 2), to: file(3, "drums"), format: .wav16)
        var withNaN = try AudioFile.read(file(4, "other"))
        withNaN.channels[1][1234] = .nan
        try NonFiniteWAV.write(withNaN, to: file(4, "other"))
        let vocals = try AudioFile.read(file(5, "vocals"))
        try AudioFile.write(
            AudioBuffer(sampleRate: 44100, channels: vocals.channels + [vocals.channels[0]]),
            to: file(5, "vocals"), format: .wav16)

        let output = temp.appendingPathComponent("scores")
        let (report, _) = try await F.run(database, estimates: estimates, output: output)
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.scored.map(\.track), [database.tracks[0].name])
        XCTAssertEqual(report.failed.count, 5, report.summary)
        let failures = Dictionary(uniqueKeysWithValues: report.failed.map { ($0.track, $0.failure!) })
        func failure(_ index: Int) -> TrackEvaluationError { failures[database.tracks[index].name]! }
        XCTAssertEqual(
            failure(1),
            .missingTargets(
                track: database.tracks[1].name, missing: ["bass"],
                found: ["vocals", "drums", "other"]))
        guard case .unreadable(let url, _) = failure(2) else { return XCTFail("\(failure(2))") }
        XCTAssertEqual(url, file(2, "vocals"))
        XCTAssertEqual(failure(3), .silentEstimate(file(3, "drums"), target: "drums"))
        XCTAssertEqual(failure(4), .nonFinite(file(4, "other"), count: 1))
        XCTAssertEqual(failure(5), .channelMismatch(file(5, "vocals"), channels: 3, expected: 2))
        for index in 1...5 {
            XCTAssertTrue(report.summary.contains(database.tracks[index].name), report.summary)
            let json = output.appendingPathComponent(
                "\(database.tracks[index].subset.rawValue)/\(database.tracks[index].name).json")
            XCTAssertFalse(FileManager.default.fileExists(atPath: json.path), "no score file for a failed track")
        }
        XCTAssertTrue("\(failure(5))".contains(file(5, "vocals").path), "messages name the file")
    }

    func testASilentReferenceFailsTheTrackWithTheTarget() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 0, seconds: 2)
        let track = database.tracks[0]
        var references = try track.load([.vocals, .drums])
        references["drums"] = AudioBuffer(
            sampleRate: 44100, frameCount: references["drums"]!.frameCount, channelCount: 2)
        let estimates = [
            "vocals": try F.leakyEstimate(track, target: "vocals"), "drums": try F.leakyEstimate(track, target: "drums")
        ]
        XCTAssertThrowsError(
            try TrackEvaluation.score(
                track: track.name, references: references, estimates: estimates,
                rate: 44100, kernel: F.fakeKernel)
        ) { error in
            XCTAssertEqual(error as? TrackEvaluationError, .silentReference(track: track.name, target: "drums"))
        }
    }

    func testARerunSkipsCompleteFilesAndRedoesStaleOnes() async throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 2, seconds: 2)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.name)/\($1)" }
        let output = temp.appendingPathComponent("scores")
        let first = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(first.scored.count, 3)
        let urls = first.outcomes.map(\.output)
        let contents = try urls.map { try Data(contentsOf: $0) }

        let second = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(second.upToDate.count, 3, second.summary)
        XCTAssertTrue(second.summary.hasPrefix("0 scored, 3 skipped as up to date, 0 failed"), second.summary)

        // A truncated score file, a newer estimate and a stale temporary file.
        try Data(contents[0].prefix(100)).write(to: urls[0])
        let touched = estimates.appendingPathComponent("\(database.tracks[1].name)/drums.wav")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: touched.path)
        let stale = TemporaryName.url(beside: urls[2])
        try Data("{".utf8).write(to: stale)
        let third = try await F.run(database, estimates: estimates, output: output).0
        XCTAssertEqual(third.scored.map(\.track), [database.tracks[0].name, database.tracks[1].name])
        XCTAssertEqual(third.upToDate.map(\.track), [database.tracks[2].name])
        XCTAssertEqual(try urls.map { try Data(contentsOf: $0) }, contents, "rescoring gives the same bytes")

        let forced = try await F.run(database, estimates: estimates, output: output, force: true).0
        XCTAssertEqual(forced.scored.count, 3)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "stale temporary files are removed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: urls[2].deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".") && !$0.hasSuffix(".provenance") }
        XCTAssertEqual(leftovers, [], "only the provenance sidecars are hidden files")
    }

    func testTheOutputFolderMayNotBeInsideTheDataset() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 0, seconds: 1)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.name)/\($1)" }
        let discovery = try EstimateDiscovery.discover(in: estimates)
        for output in [
            database.root, database.root.appendingPathComponent("train/new/scores"),
            database.root.appendingPathComponent("../musdb/test")
        ] {
            XCTAssertThrowsError(
                try DatasetEvaluation(
                    database: database, discovery: discovery, output: output,
                    kernel: F.fakeKernel)
            ) { error in
                guard case .outputInsideDataset = error as? EvaluationError else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".contains("never written"), "\(error)")
            }
        }
        // A sibling whose name starts like the root is fine, and so is a symlink-free path outside.
        XCTAssertNoThrow(
            try OutputLocation.validate(temp.appendingPathComponent("musdb-scores"), datasetRoot: database.root))
        // A symbolic link into the dataset is seen through.
        let link = temp.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: database.root)
        XCTAssertThrowsError(
            try OutputLocation.validate(link.appendingPathComponent("out"), datasetRoot: database.root))
    }

    func testEstimateTracksNotInTheDatasetAreNotedAndUnknownNamesReported() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 0, seconds: 1)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems + [("piano", "other")]) {
            "\($0.name)/\($1)"
        }
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { _, file in "Unknown Song/\(file)" }
        let plan = try DatasetEvaluation(
            database: database, discovery: try EstimateDiscovery.discover(in: estimates),
            output: temp.appendingPathComponent("out"), kernel: F.fakeKernel)
        XCTAssertEqual(plan.jobs.map(\.track), [database.tracks[0].name])
        XCTAssertTrue(
            plan.notes.contains { $0.contains("Unknown Song") && $0.contains("no such track") }, "\(plan.notes)")
        XCTAssertTrue(plan.notes.contains { $0.contains("piano.wav") && $0.contains("--target-map") }, "\(plan.notes)")
    }
}
