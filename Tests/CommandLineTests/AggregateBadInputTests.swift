import Foundation
import TestSupport
import XCTest

/// `museval aggregate` on score folders with broken files and on outputs that are not
/// plain files, run as the built executable.
final class AggregateBadInputTests: XCTestCase {
    /// Two methods of three tracks each, written as museval JSON.
    private func methods() throws -> (folder: URL, methods: [URL]) {
        let folder = try TestData.temporaryDirectory(self)
        var urls = [URL]()
        for (method, sdr) in [("A", 5.0), ("B", 3.0)] {
            let test = folder.appendingPathComponent("\(method)/test")
            try FileManager.default.createDirectory(at: test, withIntermediateDirectories: true)
            for track in ["t1", "t2", "t3"] {
                let targets = ["vocals", "drums", "bass", "other"].map { name in
                    """
                    {"name": "\(name)", "frames": [{"time": 0.0, "duration": 1.0, "metrics": \
                    {"SDR": \(sdr), "SIR": 1.0, "SAR": 2.0, "ISR": 3.0}}]}
                    """
                }
                try Data("{\"targets\": [\(targets.joined(separator: ", "))]}".utf8)
                    .write(to: test.appendingPathComponent("\(track).json"))
            }
            urls.append(folder.appendingPathComponent(method))
        }
        return (folder, urls)
    }

    func testABrokenScoreFileIsNamedAndTheRestAggregated() throws {
        let (_, methods) = try methods()
        let broken = methods[1].appendingPathComponent("test/t2.json")
        try Data("{\"targets\": [{\"name\": \"vocals\", \"fra".utf8).write(to: broken)
        let result = try run("museval", ["aggregate"] + methods.map(\.path))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(broken.path), result.stderr)
        XCTAssertTrue(result.stdout.contains("Tracks: A 3, B 2"), result.stdout)
    }

    func testOutputDashIsStandardOutput() throws {
        let (folder, methods) = try methods()
        let result = try run("museval", ["aggregate"] + methods.map(\.path) + ["-o", "-"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        XCTAssertNotNil(json, "stdout is the leaderboard JSON alone:\n\(result.stdout)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    func testOutputThroughASymlinkWritesItsTarget() throws {
        let (folder, methods) = try methods()
        let target = folder.appendingPathComponent("boards/leaderboard.json")
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: target)
        let link = folder.appendingPathComponent("latest.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "boards/leaderboard.json")
        let result = try run("museval", ["aggregate"] + methods.map(\.path) + ["-o", link.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "boards/leaderboard.json")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(contentsOf: target)))
    }

    func testOutputAtADeviceIsRefused() throws {
        let (_, methods) = try methods()
        let result = try run("museval", ["aggregate"] + methods.map(\.path) + ["-o", "/dev/null", "--quiet"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("/dev/null"), result.stderr)
        var info = stat()
        XCTAssertEqual(lstat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
    }

    func testCSVIntoAMissingFolderMakesItAndThroughAFileIsOneLineInWords() throws {
        let (folder, methods) = try methods()
        let csv = folder.appendingPathComponent("no/such/folder/scores.csv")
        let made = try run("museval", ["aggregate"] + methods.map(\.path) + ["--csv", csv.path, "--quiet"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).hasPrefix("time,target,metric,score,track,method"))
        let plain = folder.appendingPathComponent("plain")
        try Data("x".utf8).write(to: plain)
        let through = plain.appendingPathComponent("sub/scores.csv")
        let result = try run("museval", ["aggregate"] + methods.map(\.path) + ["--csv", through.path, "--quiet"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"), result.stderr)
        XCTAssertTrue(result.stderr.contains(plain.path), result.stderr)
        XCTAssertTrue(result.stderr.contains("not a folder") || result.stderr.contains("is a file"), result.stderr)
    }
}
