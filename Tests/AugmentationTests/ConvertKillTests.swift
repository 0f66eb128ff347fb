import Foundation
import MUSDB
import TestSupport
import XCTest

/// `musdb convert` killed with SIGKILL in the middle of a run, as a crash or a cluster
/// pre-emption kills it, then run again: the rerun keeps the tracks already in place,
/// converts the rest, and the result is byte for byte an uninterrupted run's.
final class ConvertKillTests: XCTestCase {
    func testAConversionKilledMidwayResumesToTheSameFiles() throws {
        let base = try TestData.temporaryDirectory(self)
        let root = base.appendingPathComponent("dataset")
        let trackCount = 4
        try SampleDataset(trainTrackCount: trackCount, testTrackCount: 0, seconds: 6, seed: 4).write(to: root)
        // Resampling makes each track take long enough to be caught between two tracks.
        let arguments = ["convert", "--root", root.path, "--is-wav", "--sample-rate", "48000", "--format", "wav24"]
        let clean = base.appendingPathComponent("clean")
        let first = try CommandRunner.run("musdb", arguments + [clean.path])
        XCTAssertEqual(first.status, 0, first.stderr)

        let killed = base.appendingPathComponent("killed")
        let process = Process()
        process.executableURL = try CommandRunner.product("musdb")
        process.arguments = arguments + [killed.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, completedTracks(in: killed).isEmpty, Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run was killed before it finished")
        let done = completedTracks(in: killed)
        XCTAssertGreaterThan(done.count, 0)
        XCTAssertLessThan(done.count, trackCount, "some tracks were left to do")

        let rerun = try CommandRunner.run("musdb", arguments + [killed.path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(
            rerun.stderr.contains(
                "\(trackCount - done.count) tracks converted, \(done.count) already complete, 0 failed"),
            rerun.stderr)
        XCTAssertEqual(completedTracks(in: killed), completedTracks(in: clean))
        for track in completedTracks(in: clean) {
            for stem in ["mixture", "drums", "bass", "other", "vocals"] {
                let name = "train/\(track)/\(stem).wav"
                XCTAssertEqual(
                    try Data(contentsOf: killed.appendingPathComponent(name)),
                    try Data(contentsOf: clean.appendingPathComponent(name)), name)
            }
        }
        let partial = killed.appendingPathComponent(".partial")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: partial.path)) ?? [], [])
    }

    /// The track folders renamed into place (only complete ones ever are).
    private func completedTracks(in output: URL) -> [String] {
        let folder = output.appendingPathComponent("train")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}
