import Foundation
import TestSupport
import XCTest

/// `make demo` end to end: runs `Scripts/demo.sh` with the executables built beside the
/// tests, then checks that its leaderboard is sensible: the IRM2 oracle scores above the
/// mixture baseline for every target, and the four methods are all there.
final class DemoTests: XCTestCase {
    func testDemoLeaderboardRanksIRM2AboveTheMixtureForEveryTarget() throws {
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for tool in ["musdb", "museval"] {
            let path = binaries.appendingPathComponent(tool).path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                XCTFail("the \(tool) executable is not built beside the tests (\(path)); run `make test`")
                return
            }
        }
        let output = try TestData.temporaryDirectory(self).appendingPathComponent("demo")
        let demo = try CommandRunner.run(
            executable: URL(fileURLWithPath: "/bin/bash"),
            arguments: [
                TestData.packageRoot.appendingPathComponent("Scripts/demo.sh").path,
                binaries.path, output.path, TestData.sharedData.deletingLastPathComponent().path
            ])
        XCTAssertEqual(demo.status, 0, "demo failed:\n\(demo.stdout.suffix(1500))\n\(demo.stderr.suffix(1500))")

        let data = try Data(contentsOf: output.appendingPathComponent("leaderboard.json"))
        let leaderboard = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let methods = try XCTUnwrap(leaderboard["methods"] as? [[String: Any]])
        var sdr: [String: [String: Double]] = [:]
        for method in methods {
            let name = try XCTUnwrap(method["method"] as? String)
            let targets = try XCTUnwrap(method["targets"] as? [String: [String: [String: Any]]])
            sdr[name] = targets.compactMapValues { $0["SDR"]?["value"] as? Double }
        }
        XCTAssertEqual(Set(sdr.keys), ["IRM2", "IBM2", "MWF", "MIX"])
        let irm2 = try XCTUnwrap(sdr["IRM2"]), mix = try XCTUnwrap(sdr["MIX"])
        for target in ["vocals", "drums", "bass", "other", "accompaniment"] {
            let oracle = try XCTUnwrap(irm2[target], target), baseline = try XCTUnwrap(mix[target], target)
            XCTAssertGreaterThan(oracle, baseline + 3, "\(target): IRM2 \(oracle) dB vs mixture \(baseline) dB")
        }
        let ranking = try XCTUnwrap(leaderboard["ranking"] as? [[String: Any]])
        XCTAssertEqual(ranking.first?["method"] as? String, "IRM2")
        XCTAssertEqual(ranking.last?["method"] as? String, "MIX")
        XCTAssertTrue((demo.stdout + demo.stderr).contains("Ranking by mean SDR"), "the demo prints the leaderboard")
    }
}
