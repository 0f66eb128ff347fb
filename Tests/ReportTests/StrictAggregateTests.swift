import Foundation
import ScoreFiles
import TestSupport
import XCTest

/// `museval aggregate` and `report` as a user runs them on methods that cannot be compared.
final class StrictAggregateTests: XCTestCase {
    private func methods() throws -> [URL] {
        let root = try TestData.temporaryDirectory(self)
        var folders: [URL] = []
        for (name, window, tracks) in [("A", 1.0, ["t1", "t2", "t3"]), ("B", 2.0, ["t2", "t3"])] {
            let folder = root.appendingPathComponent(name)
            for track in tracks {
                let targets = ["vocals", "drums", "bass", "other"].map {
                    TargetScores(
                        name: $0, sdr: [1, 2], sir: [1, 2], sar: [1, 2], isr: [1, 2], window: window, hop: window)
                }
                try TrackScores(track: track, targets: targets).write(toResultsFolder: folder, subset: "test")
            }
            folders.append(folder)
        }
        return folders
    }

    func testStrictRefusesAndCommonTracksRestricts() throws {
        let folders = try methods().map(\.path)
        let flagged = try CommandRunner.run("museval", ["aggregate"] + folders)
        XCTAssertEqual(flagged.status, 0, flagged.stderr)
        XCTAssertTrue(flagged.stdout.contains("NOT COMPARABLE"), flagged.stdout)
        XCTAssertTrue(flagged.stdout.contains("the window differs: 1.0 s: A; 2.0 s: B"), flagged.stdout)

        let strict = try CommandRunner.run("museval", ["aggregate"] + folders + ["--strict", "-o", "-"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stdout, "", "nothing ranked")
        XCTAssertTrue(strict.stderr.contains("not comparable (--strict)"), strict.stderr)
        XCTAssertTrue(strict.stderr.contains("the track sets differ (A 3, B 2; 2 tracks in common)"), strict.stderr)

        let common = try CommandRunner.run(
            "museval", ["aggregate"] + folders + ["--common-tracks", "--format", "markdown"])
        XCTAssertEqual(common.status, 0, common.stderr)
        XCTAssertTrue(common.stdout.contains(">   A: 2 tracks (test 2), 1 left out"), common.stdout)
        XCTAssertFalse(common.stdout.contains("track sets differ"), common.stdout)

        let report = try CommandRunner.run(
            "museval",
            ["report"] + folders + ["--strict", "-o", FileManager.default.temporaryDirectory.path + "/never.html"])
        XCTAssertEqual(report.status, 1)
        XCTAssertTrue(report.stderr.contains("not comparable (--strict)"), report.stderr)
    }
}
