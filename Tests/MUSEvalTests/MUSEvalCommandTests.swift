import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// The built `museval` executable (beside the test bundle): exit statuses, a broken track
/// that does not stop the healthy ones, and the refusal to mix origins.
final class MUSEvalCommandTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    /// Runs the built `museval` with `arguments` (`CommandRunner`).
    private func museval(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try CommandRunner.run("museval", arguments)
        return (result.status, result.stdout, result.stderr)
    }

    func testABrokenReferenceFailsItsTrackTheOthersAreScoredAndOriginsAreNotMixed() throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 0, test: 3, seconds: 1)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.subset.rawValue)/\($0.name)/\($1)" }
        let broken = try XCTUnwrap(database.tracks[1].sourceURLs[.vocals])
        try F.rewrite(broken) { for i in 0..<3 { $0.channels[0][i] = .nan } }
        let output = temp.appendingPathComponent("scores")
        let common = [estimates.path, "--musdb", database.root.path, "--is-wav", "-o", output.path]

        let first = try museval(common)
        XCTAssertEqual(first.status, 1, first.err)
        XCTAssertTrue(
            first.err.contains(
                "\(broken.path): reference: the vocals stem of track '\(database.tracks[1].name)' "
                    + "holds 3 NaN or infinite samples"), first.err)
        XCTAssertTrue(first.err.contains("2 scored, 0 skipped as up to date, 1 failed"), first.err)
        for index in [0, 2] {
            let json = output.appendingPathComponent("test/\(database.tracks[index].name).json")
            XCTAssertEqual(try TrackScores(contentsOf: json).targets.map(\.name), ["vocals", "drums", "bass", "other"])
        }

        let other = try museval(common + ["--mode", "v3"])
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.err.contains("holds scores of \(estimates.path) with --win 1 --hop 1 --mode v4"), other.err)
        XCTAssertTrue(other.err.contains("--force"), other.err)

        try F.rewrite(broken) { for i in 0..<3 { $0.channels[0][i] = 0.01 } }
        let fixed = try museval(common)
        XCTAssertEqual(fixed.status, 0, fixed.err)
        XCTAssertTrue(fixed.err.contains("1 scored, 2 skipped as up to date, 0 failed"), fixed.err)

        let missing = temp.appendingPathComponent("no-references")
        let dir = try museval([
            "dir", missing.path, estimates.appendingPathComponent("test/\(database.tracks[0].name)").path,
            "-o", temp.appendingPathComponent("dir").path
        ])
        XCTAssertEqual(dir.status, 1)
        XCTAssertTrue(dir.err.contains("\(missing.path): no such reference folder"), dir.err)
    }
}
