import Foundation
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// `museval aggregate` end to end, run as the built executable next to the test bundle.
final class AggregateCommandTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try CommandRunner.run("museval", arguments)
        return (result.status, result.stdout, result.stderr)
    }

    func testAggregatesWritesFilesAndReportsBadFiles() throws {
        let root = try TestData.temporaryDirectory(self)
        for (method, offset) in [("Good", 2.0), ("Worse", 0.0)] {
            let test = root.appendingPathComponent("\(method)/test")
            try FileManager.default.createDirectory(at: test, withIntermediateDirectories: true)
            for track in ["a", "b", "c"] {
                let targets = ["vocals", "drums", "bass", "other"].map { name in
                    TargetScores(
                        name: name, sdr: [1 + offset, 3 + offset, .nan], sir: [1, 2, 3], sar: [4, 5, 6], isr: [7, 8, 9])
                }
                try TrackScores(track: track, targets: targets).write(to: test.appendingPathComponent("\(track).json"))
            }
        }
        let leaderboard = root.appendingPathComponent("board.json")
        let csv = root.appendingPathComponent("scores.csv")
        let good = try run([
            "aggregate", root.appendingPathComponent("Worse").path, root.appendingPathComponent("Good").path,
            "-o", leaderboard.path, "--csv", csv.path
        ])
        XCTAssertEqual(good.status, 0, good.err)
        XCTAssertTrue(good.out.contains("1. Good"), good.out)
        XCTAssertTrue(good.out.contains("4.00"), good.out) // median of 3 and 5
        let board = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: leaderboard)) as? [String: Any])
        let ranking = try XCTUnwrap(board["ranking"] as? [[String: Any]])
        XCTAssertEqual(ranking.compactMap { $0["method"] as? String }, ["Good", "Worse"])
        XCTAssertEqual(ranking.first?["meanSDR"] as? Double, 4)
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 1 + 2 * 3 * 4 * 4 * 3)

        // A malformed file is named, the rest is still aggregated, the exit status is 1.
        try Data("{\"targets\": [{\"name\": \"vocals\",".utf8)
            .write(to: root.appendingPathComponent("Good/test/broken.json"))
        let empty = root.appendingPathComponent("Empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let bad = try run(["aggregate", root.appendingPathComponent("Good").path, empty.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.out.contains("Good"), bad.out)
        XCTAssertTrue(bad.err.contains("broken.json"), bad.err)
        XCTAssertTrue(bad.err.contains("Empty"), bad.err)
        XCTAssertTrue(bad.err.contains("2 problems"), bad.err)

        let names = try run(["aggregate", root.appendingPathComponent("Good").path, "--name", "A", "--name", "B"])
        XCTAssertNotEqual(names.status, 0)
        XCTAssertTrue(names.err.contains("--name"), names.err)
    }
}
