import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import ScoreFiles

/// `museval ESTIMATES --musdb archive.zip`: the references read from the dataset's zip give
/// the folder's scores, and a second run finds them up to date (the archive is the
/// references' fingerprint).
final class ZipReferencesTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    func testScoresFromAZipRootAreTheFolderScores() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 0, test: 2, seconds: 1)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        let archive = temp.appendingPathComponent("musdb18hq.zip")
        try TestZip.make(from: database.root, to: archive, deflated: true)
        let fromFolder = temp.appendingPathComponent("folder-scores")
        let fromZip = temp.appendingPathComponent("zip-scores")
        for (root, output) in [(database.root, fromFolder), (archive, fromZip)] {
            let run = try CommandRunner.run(
                "museval", [estimates.path, "--musdb", root.path, "--is-wav", "-o", output.path])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        for track in database.tracks {
            let name = "test/\(track.name).json"
            let expected = try TrackScores(contentsOf: fromFolder.appendingPathComponent(name))
            let found = try TrackScores(contentsOf: fromZip.appendingPathComponent(name))
            XCTAssertEqual(found.targets.map(\.name), expected.targets.map(\.name))
            for (a, b) in zip(found.targets, expected.targets) {
                XCTAssertEqual("\(a.frames)", "\(b.frames)", "\(track.name) \(a.name)")
            }
        }
        let again = try CommandRunner.run(
            "museval", [estimates.path, "--musdb", archive.path, "--is-wav", "-o", fromZip.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("0 scored, 2 skipped as up to date, 0 failed"), again.stderr)
    }
}
