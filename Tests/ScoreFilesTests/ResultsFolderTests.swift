import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

final class ResultsFolderTests: XCTestCase {
    private func track(_ name: String, sdr: [Double]) -> TrackScores {
        TrackScores(
            track: name,
            targets: [
                TargetScores(name: "vocals", sdr: sdr, sir: sdr, sar: sdr, isr: sdr),
                TargetScores(name: "drums", sdr: sdr.map { $0 - 1 }, sir: sdr, sar: sdr, isr: sdr)
            ])
    }

    func testFindsSubsetFoldersAndDirectFilesAndNamesTheMethod() async throws {
        let root = try TestData.temporaryDirectory(self)
        let method = root.appendingPathComponent("MyNet")
        for subset in ["test", "train"] {
            try FileManager.default.createDirectory(
                at: method.appendingPathComponent(subset), withIntermediateDirectories: true)
        }
        try track("B", sdr: [1, 2]).write(to: method.appendingPathComponent("test/B.json"))
        try track("A", sdr: [3]).write(to: method.appendingPathComponent("test/A.json"))
        try track("C", sdr: [4]).write(to: method.appendingPathComponent("train/C.json"))
        try track("D", sdr: [5]).write(to: method.appendingPathComponent("D.json"))
        let written = try track("E", sdr: [6]).write(
            toResultsFolder: root.appendingPathComponent("Other"), subset: "test")
        XCTAssertEqual(written.path, root.appendingPathComponent("Other/test/E.json").path)
        XCTAssertEqual(try TrackScores(contentsOf: written).track, "E")
        try Data("not json".utf8).write(to: method.appendingPathComponent("test/notes.txt"))

        let all = ResultsFolder(url: method)
        XCTAssertEqual(all.name, "MyNet")
        XCTAssertEqual(try all.scoreFiles().map(\.lastPathComponent), ["D.json", "A.json", "B.json", "C.json"])
        let (scores, failures) = await all.load()
        XCTAssertEqual(failures, [])
        XCTAssertEqual(scores.tracks.map(\.track), ["D", "A", "B", "C"])

        let testOnly = ResultsFolder(url: method, subsets: ["test"])
        XCTAssertEqual(try testOnly.scoreFiles().map(\.lastPathComponent), ["A.json", "B.json"])

        let subsetFolder = ResultsFolder(url: method.appendingPathComponent("test"))
        XCTAssertEqual(subsetFolder.name, "MyNet")
        XCTAssertEqual(try subsetFolder.scoreFiles().map(\.lastPathComponent), ["A.json", "B.json"])
        let subsetFolderFiltered = ResultsFolder(url: method.appendingPathComponent("test"), subsets: ["test"])
        XCTAssertEqual(try subsetFolderFiltered.scoreFiles().map(\.lastPathComponent), ["A.json", "B.json"])
        XCTAssertEqual(ResultsFolder(url: method, name: "Other").name, "Other")
    }

    func testBadFilesAreReportedAndTheOthersStillLoad() async throws {
        let root = try TestData.temporaryDirectory(self)
        let test = root.appendingPathComponent("M/test")
        try FileManager.default.createDirectory(at: test, withIntermediateDirectories: true)
        try track("good", sdr: [1]).write(to: test.appendingPathComponent("good.json"))
        try Data("{\"targets\": [".utf8).write(to: test.appendingPathComponent("bad.json"))
        let (scores, failures) = await ResultsFolder(url: root.appendingPathComponent("M")).load()
        XCTAssertEqual(scores.tracks.map(\.track), ["good"])
        XCTAssertEqual(failures.count, 1)
        XCTAssertEqual(failures.first?.path, test.appendingPathComponent("bad.json").path)

        let empty = root.appendingPathComponent("Empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let (_, emptyFailures) = await ResultsFolder(url: empty).load()
        XCTAssertEqual(emptyFailures, [.noScoreFiles(folder: empty.path)])
        let (_, missingFailures) = await ResultsFolder(url: root.appendingPathComponent("Nope")).load()
        XCTAssertTrue(missingFailures.first?.description.contains("Nope") ?? false)
    }

    func testLeaderboardJSONIsStrictAndCSVHasMusevalColumns() throws {
        let nanTrack = TrackScores(
            track: "x,\"y\"",
            targets: [TargetScores(name: "vocals", sdr: [.nan], sir: [.nan], sar: [.nan], isr: [.nan])])
        let methods = [
            MethodScores(name: "A", tracks: [track("t", sdr: [1, 2, 4])]), MethodScores(name: "B", tracks: [nanTrack])
        ]
        let leaderboard = Leaderboard(methods: methods, frames: .mean, tracks: .median)
        let folder = try TestData.temporaryDirectory(self)
        let url = folder.appendingPathComponent("leaderboard.json")
        try leaderboard.write(to: url)
        // Strict JSON: Foundation's parser (which rejects NaN) must accept it.
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        XCTAssertEqual(object["format"] as? String, "museval-leaderboard/2")
        XCTAssertEqual((object["aggregation"] as? [String: String])?["frames"], "mean")
        let methodsJSON = try XCTUnwrap(object["methods"] as? [[String: Any]])
        let aTargets = try XCTUnwrap(methodsJSON[0]["targets"] as? [String: [String: [String: Any]]])
        XCTAssertEqual(aTargets["vocals"]?["SDR"]?["value"] as? Double, 7.0 / 3.0)
        XCTAssertEqual(aTargets["drums"]?["SDR"]?["value"] as? Double, 4.0 / 3.0)
        let bTargets = try XCTUnwrap(methodsJSON[1]["targets"] as? [String: [String: [String: Any]]])
        XCTAssertTrue(bTargets["vocals"]?["SDR"]?["value"] is NSNull)
        XCTAssertEqual(bTargets["vocals"]?["SDR"]?["nanFrames"] as? Int, 1)

        let csv = ScoresCSV.text(for: methods)
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "time,target,metric,score,track,method")
        XCTAssertEqual(lines[1], "0.0,vocals,SDR,1.0,t,A")
        XCTAssertEqual(lines.count, 1 + 3 * 2 * 4 + 4)
        XCTAssertEqual(lines.last, "0.0,vocals,SIR,,\"x,\"\"y\"\"\",B")

        XCTAssertTrue(leaderboard.table().contains("nan"))
        XCTAssertTrue(leaderboard.table().contains("—"))
    }
}
