import FileOutput
import Foundation
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// The output arguments of the `museval` executable: `-` for standard output, refused
/// destinations, and output folders checked before any scoring.
final class OutputArgumentTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    /// A results folder `root/M/test/{a,b}.json`.
    private func resultsFolder() throws -> URL {
        let root = try TestData.temporaryDirectory(self)
        let test = root.appendingPathComponent("M/test")
        try OutputFolder.create(test)
        for track in ["a", "b"] {
            let targets = ["vocals", "drums", "bass", "other"].map { name in
                TargetScores(name: name, sdr: [1, 3, .nan], sir: [1, 2, 3], sar: [4, 5, 6], isr: [7, 8, 9])
            }
            try TrackScores(track: track, targets: targets).write(to: test.appendingPathComponent("\(track).json"))
        }
        return root
    }

    func testDashWritesOnlyTheJSONToStandardOutput() throws {
        let root = try resultsFolder()
        let result = try CommandRunner.run("museval", ["aggregate", root.appendingPathComponent("M").path, "-o", "-"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let board = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "standard output is one JSON document:\n\(result.stdout)")
        XCTAssertEqual(board["format"] as? String, "museval-leaderboard/2")
        XCTAssertEqual((board["ranking"] as? [[String: Any]])?.first?["meanSDR"] as? Double, 2)
        XCTAssertTrue(
            result.stderr.contains("Ranking by mean SDR"), "the table goes to standard error: \(result.stderr)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["M"], "no file named -")
    }

    func testCSVDashAndBothDashesAtOnce() throws {
        let root = try resultsFolder()
        let folder = root.appendingPathComponent("M").path
        let csv = try CommandRunner.run("museval", ["aggregate", folder, "--csv", "-", "--quiet"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(separator: "\n")
        XCTAssertEqual(rows.first, "time,target,metric,score,track,method")
        XCTAssertEqual(rows.count, 1 + 2 * 4 * 4 * 3)

        let both = try CommandRunner.run("museval", ["aggregate", folder, "-o", "-", "--csv", "-"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertEqual(both.stdout, "")
        XCTAssertTrue(both.stderr.contains("would both write to standard output"), both.stderr)
    }

    func testAMissingFolderOfTheLeaderboardIsMade() throws {
        let root = try resultsFolder()
        let board = root.appendingPathComponent("tables/2026/leaderboard.json")
        let result = try CommandRunner.run(
            "museval", ["aggregate", root.appendingPathComponent("M").path, "--quiet", "-o", board.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOf: board, encoding: .utf8)
        XCTAssertTrue(text.contains("museval-leaderboard/2"), text)
    }

    func testRefusedDestinationsAreOneLineEach() throws {
        let root = try resultsFolder()
        let folder = root.appendingPathComponent("M").path
        let plain = root.appendingPathComponent("plain")
        try AtomicFile.write("x", to: plain)
        let cases: [(String, String)] = [
            (
                "/dev/null",
                "/dev/null: cannot write the file: is a character device, not a regular file; use - for standard output"
            ),
            (root.path, "\(root.path): cannot write the file: is a folder"),
            (
                plain.appendingPathComponent("board.json").path,
                "\(plain.path)/board.json: cannot write the file: a part of the path is not a folder"
            )
        ]
        for (destination, line) in cases {
            let result = try CommandRunner.run("museval", ["aggregate", folder, "--quiet", "-o", destination])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("\n  \(line)\n"), result.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["M", "plain"])
    }

    func testAnOutputFolderThatIsAFileFailsBeforeScoring() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 2, test: 0, seconds: 1)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        let file = temp.appendingPathComponent("OUT")
        try AtomicFile.write("not a folder", to: file)

        let evaluate = try CommandRunner.run(
            "museval",
            [
                estimates.path, "--musdb", database.root.path, "--is-wav",
                "-o", file.path
            ])
        XCTAssertNotEqual(evaluate.status, 0)
        XCTAssertEqual(evaluate.stderr.components(separatedBy: "is a file, not a folder").count, 2, evaluate.stderr)
        XCTAssertTrue(evaluate.stderr.contains("\(file.path): is a file, not a folder"), evaluate.stderr)
        XCTAssertFalse(evaluate.stderr.contains("scored"), "nothing was scored: \(evaluate.stderr)")

        let track = database.tracks[0]
        let dir = try CommandRunner.run(
            "museval",
            [
                "dir", track.path.path,
                estimates.appendingPathComponent("train/\(track.name)").path,
                "-o", file.path
            ])
        XCTAssertNotEqual(dir.status, 0)
        XCTAssertTrue(dir.stderr.contains("\(file.path): is a file, not a folder"), dir.stderr)
        XCTAssertEqual(dir.stdout, "", "no scores printed")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "not a folder")
    }
}
