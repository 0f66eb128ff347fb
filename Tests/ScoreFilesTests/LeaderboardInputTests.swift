import FileOutput
import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

/// `museval aggregate`'s input in the library: every folder read, bad files reported,
/// methods without scores left out of the leaderboard, both outputs written or reported.
final class LeaderboardInputTests: XCTestCase {
    private func method(_ name: String, in folder: URL, sdr: Double, tracks: [String] = ["a", "b"]) throws
        -> ResultsFolder
    {
        let test = folder.appendingPathComponent("\(name)/test")
        try FileManager.default.createDirectory(at: test, withIntermediateDirectories: true)
        for track in tracks {
            let targets = ["vocals", "drums", "bass", "other"].map { target in
                TargetScores(name: target, sdr: [sdr, sdr + 2], sir: [1, 2], sar: [3, 4], isr: [5, 6])
            }
            try TrackScores(track: track, targets: targets).write(to: test.appendingPathComponent("\(track).json"))
        }
        return ResultsFolder(url: folder.appendingPathComponent(name))
    }

    func testLoadsEveryFolderAndLeavesOutMethodsWithoutScores() async throws {
        let folder = try TestData.temporaryDirectory(self)
        let good = try method("Good", in: folder, sdr: 4)
        let partly = try method("Partly", in: folder, sdr: 1)
        let broken = partly.url.appendingPathComponent("test/b.json")
        try Data("{\"targets\": [".utf8).write(to: broken)
        let empty = try method("Empty", in: folder, sdr: 0, tracks: [])

        let input = await LeaderboardInput.load([good, empty, partly])
        XCTAssertEqual(input.methods.map(\.name), ["Good", "Empty", "Partly"])
        XCTAssertEqual(input.methods.map(\.tracks.count), [2, 0, 1])
        XCTAssertEqual(input.failures.count, 2)
        XCTAssertTrue(input.failures.contains(.noScoreFiles(folder: empty.url.path)), "\(input.failures)")
        XCTAssertTrue(input.failures.contains { $0.description.contains(broken.path) }, "\(input.failures)")
        XCTAssertEqual(input.usable.map(\.folder), [good, partly])

        let leaderboard = try XCTUnwrap(input.leaderboard(frames: .median, tracks: .median))
        XCTAssertEqual(leaderboard.entries.map(\.method), ["Good", "Partly"])
        XCTAssertEqual(leaderboard.entries.map(\.folder), [good.url.path, partly.url.path])
        XCTAssertEqual(leaderboard.ranking.first?.method, "Good")
        XCTAssertEqual(leaderboard.entries[0].meanSDR, 5)
    }

    func testNoUsableMethodGivesNoLeaderboard() async throws {
        let folder = try TestData.temporaryDirectory(self)
        let input = await LeaderboardInput.load([ResultsFolder(url: folder.appendingPathComponent("missing"))])
        XCTAssertNil(input.leaderboard(frames: .mean, tracks: .mean))
        XCTAssertEqual(input.failures.count, 1)
    }

    func testWritesBothFilesAndReportsOneThatCannotBeWritten() async throws {
        let folder = try TestData.temporaryDirectory(self)
        let input = await LeaderboardInput.load([try method("Good", in: folder, sdr: 4)])
        let leaderboard = try XCTUnwrap(input.leaderboard(frames: .median, tracks: .median))
        let json = folder.appendingPathComponent("board.json"), csv = folder.appendingPathComponent("scores.csv")
        XCTAssertEqual(input.write(leaderboard, json: .file(json), csv: .file(csv)), [])
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(contentsOf: json)))
        XCTAssertEqual(try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").count, 1 + 2 * 4 * 4 * 2)

        // A folder where the CSV should go: the JSON is still written, the CSV reported.
        let blocked = folder.appendingPathComponent("blocked.csv")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: json)
        let failures = input.write(leaderboard, json: .file(json), csv: .file(blocked))
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures[0].description.contains(blocked.path), "\(failures)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: json.path))
    }
}
