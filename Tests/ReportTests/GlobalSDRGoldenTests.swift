import Audio
import Foundation
import ScoreFiles
import TestSupport
import XCTest

/// `museval` on a real MUSDB18 track writes the whole-track sidecar, and its global SDR is
/// Demucs' nsdr formula computed in numpy (golden: Scripts/goldens/museval_global_sdr.py).
final class GlobalSDRGoldenTests: XCTestCase {
    func testSidecarMatchesDemucsNSDRAndTheScoreFileStaysMusevals() throws {
        let hq = try TestData.requireShared("musdb-sample/hq")
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: TestData.fixtures.appendingPathComponent("museval/report/global_sdr.json")))
        let root = try XCTUnwrap(golden as? [String: Any])
        let track = try XCTUnwrap(root["track"] as? String)
        let weights = try XCTUnwrap(root["weights"] as? [String: [[Any]]])
        let expected = try XCTUnwrap(root["targets"] as? [String: [String: Double]])

        let folder = hq.appendingPathComponent("train/\(track)")
        var stems: [String: AudioBuffer] = [:]
        for name in ["mixture", "vocals", "drums", "bass", "other"] {
            stems[name] = try AudioFile.read(folder.appendingPathComponent("\(name).wav"))
        }
        let work = try TestData.temporaryDirectory(self)
        let estimates = work.appendingPathComponent("estimates/\(track)")
        try FileManager.default.createDirectory(at: estimates, withIntermediateDirectories: true)
        for (target, mix) in weights {
            let reference = try XCTUnwrap(stems[target])
            var channels = [[Double]](
                repeating: [Double](repeating: 0, count: reference.frameCount), count: reference.channelCount)
            for term in mix {
                let stem = try XCTUnwrap(stems[try XCTUnwrap(term[0] as? String)])
                let weight = try XCTUnwrap(term[1] as? Double)
                for c in channels.indices {
                    for i in channels[c].indices { channels[c][i] += weight * stem.channels[c][i] }
                }
            }
            try AudioFile.write(
                AudioBuffer(sampleRate: reference.sampleRate, channels: channels),
                to: estimates.appendingPathComponent("\(target).wav"), format: .wavFloat32)
        }
        let out = work.appendingPathComponent("scores")
        let run = try CommandRunner.run(
            "museval",
            [
                work.appendingPathComponent("estimates").path, "--root", hq.path, "--is-wav", "--subsets", "train",
                "-o", out.path
            ])
        XCTAssertEqual(run.status, 0, run.stderr)

        let scoreFile = out.appendingPathComponent("train/\(track).json")
        let global = try XCTUnwrap(try TrackGlobalScores.read(besideScoreFile: scoreFile), "no sidecar")
        // Python museval's add_eval_dir reads every test/**/*.json, hidden ones too.
        XCTAssertEqual(TrackGlobalScores.url(for: scoreFile).lastPathComponent, ".\(track).global")
        XCTAssertEqual(global.setup, ScoringSetup(mode: "v4", window: 1, hop: 1))
        XCTAssertEqual(Set(global.targets.map(\.name)), Set(expected.keys))
        for target in global.targets {
            let reference = try XCTUnwrap(expected[target.name])
            XCTAssertEqual(target.globalSDR, try XCTUnwrap(reference["globalSDR"]), accuracy: 1e-9, target.name)
            XCTAssertEqual(target.siSDR, try XCTUnwrap(reference["siSDR"]), accuracy: 1e-9, target.name)
        }
        // The score file is museval's alone: exactly what its TrackScores writes, no extra member.
        let scores = try TrackScores(contentsOf: scoreFile)
        XCTAssertEqual(try String(contentsOf: scoreFile, encoding: .utf8), scores.jsonString())
        XCTAssertTrue(global.describes(scores))

        // aggregate reads the sidecar back: uSDR is the one track's global SDR.
        let aggregate = try CommandRunner.run(
            "museval", ["aggregate", out.path, "--subsets", "train", "--metrics", "SDR,uSDR,SI-SDR", "--format", "csv"])
        XCTAssertEqual(aggregate.status, 0, aggregate.stderr)
        let vocals = String(format: "%.2f", try XCTUnwrap(expected["vocals"]?["globalSDR"]))
        XCTAssertTrue(aggregate.stdout.contains(",uSDR,\(vocals)\n"), aggregate.stdout)
    }
}
