import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

/// The `musdb` commands on broken datasets, through the built executable: each bad track
/// is an `error:` line naming its file, the others are processed, the exit status is 1.
final class BrokenDatasetCommandTests: XCTestCase {
    func testListAndInfoWithAZeroByteMixtureAndASymlinkLoop() throws {
        let data = try BrokenDataset(self, trainTracks: 3, testTracks: 1)
        try Data().write(to: data.file(0, "mixture"))
        try data.link("test", "loop", to: ".")
        try data.truncate(2, "other", to: 30_000)
        let scratch = data.root.deletingLastPathComponent()

        let list = try CommandRun.musdb(["list", "--root", data.root.path, "--is-wav"], in: scratch)
        XCTAssertEqual(list.status, 1, list.err)
        XCTAssertEqual(list.out.split(separator: "\n").count, 3, list.out)
        for name in data.names[1...] { XCTAssertTrue(list.out.contains(name), list.out) }
        XCTAssertFalse(list.out.contains(data.names[0]), list.out)
        XCTAssertTrue(
            list.err.contains(
                "error: \(data.file(0, "mixture").path): track '\(data.names[0])' (train) cannot be indexed: the file is empty"
            ), list.err)
        XCTAssertTrue(
            list.err.contains("error: \(data.root.path)/test/loop: track 'loop' (test) cannot be indexed"), list.err)

        let json = try CommandRun.musdb(["list", "--root", data.root.path, "--is-wav", "--json"], in: scratch)
        XCTAssertEqual(json.status, 1)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["name"] as? String }, Array(data.names[1...]))
        XCTAssertTrue(json.err.contains("symlink loop"), json.err)

        let healthy = try CommandRun.musdb(["info", "--root", data.root.path, "--is-wav", data.names[1]], in: scratch)
        XCTAssertEqual(healthy.status, 0, healthy.err)
        XCTAssertTrue(healthy.out.contains("other        44100 frames  2 ch"), healthy.out)

        let broken = try CommandRun.musdb(["info", "--root", data.root.path, "--is-wav", data.names[0]], in: scratch)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(
            broken.err.contains(
                "error: \(data.file(0, "mixture").path): track '\(data.names[0])' (train) cannot be indexed"),
            broken.err)

        let truncated = try CommandRun.musdb(["info", "--root", data.root.path, "--is-wav", data.names[2]], in: scratch)
        XCTAssertEqual(truncated.status, 1)
        XCTAssertTrue(truncated.out.contains("drums        44100 frames"), truncated.out) // the other stems still shown
        XCTAssertTrue(
            truncated.out.contains(
                "other    error: \(data.file(2, "other").path): the other stem of track '\(data.names[2])' "
                    + "has 30000 frames but the track's mixture has 44100 (truncated?)"), truncated.out)
        XCTAssertFalse(truncated.out.contains("30000 frames  2 ch"), truncated.out)
    }

    func testLoadAndVerifyReportEveryBadTrackAndGoOn() throws {
        let data = try BrokenDataset(self, trainTracks: 4, testTracks: 1)
        try data.resample(0, "bass", to: 48_000)
        try data.setChannels(1, "drums", to: 1)
        try data.putNaN(2, "vocals", count: 4)
        let scratch = data.root.deletingLastPathComponent()

        let load = try CommandRun.musdb(["load", "--root", data.root.path, "--is-wav"], in: scratch)
        XCTAssertEqual(load.status, 1, load.err)
        XCTAssertTrue(load.out.contains("loaded 2 tracks"), load.out)
        XCTAssertTrue(load.out.contains("\(data.names[3])\t44100x2\t6 targets"), load.out)
        XCTAssertTrue(load.err.contains("loaded 2 tracks, 3 failed:"), load.err)
        XCTAssertTrue(
            load.err.contains(
                "error: \(data.file(0, "bass").path): the bass stem of track '\(data.names[0])' is at 48000 Hz but the track's mixture is at 44100 Hz"
            ), load.err)
        XCTAssertTrue(
            load.err.contains(
                "error: \(data.file(1, "drums").path): the drums stem of track '\(data.names[1])' has 1 channel but the track's mixture has 2"
            ), load.err)
        XCTAssertTrue(
            load.err.contains(
                "error: \(data.file(2, "vocals").path): the vocals stem of track '\(data.names[2])' holds 4 NaN or infinite samples"
            ), load.err)
        XCTAssertFalse(load.err.contains("frames requested"), load.err)

        let verify = try CommandRun.musdb(
            ["verify", "--root", data.root.path, "--is-wav", "--mixture-tolerance", "-20"], in: scratch)
        XCTAssertEqual(verify.status, 1, verify.err)
        XCTAssertFalse(verify.out.contains("OK"), verify.out)
        XCTAssertFalse(verify.out.lowercased().contains("nan dB".lowercased()), verify.out)
        XCTAssertTrue(verify.out.contains("\(data.names[3])"), verify.out)
        XCTAssertTrue(verify.out.contains("mixture − Σ stems: exact"), verify.out)
        XCTAssertTrue(
            verify.out.contains(
                "\(data.names[2]): vocals \(data.file(2, "vocals").path) holds 4 NaN or infinite samples"), verify.out)
        XCTAssertTrue(
            verify.out.contains("\(data.names[1]): drums \(data.file(1, "drums").path) has 1 channel, expected 2"),
            verify.out)
        XCTAssertFalse(verify.out.contains("unreadable audio"), verify.out)

        // A clean dataset passes; `--mixture-tolerance=-20` is accepted too.
        let clean = try BrokenDataset(self, trainTracks: 1, testTracks: 1)
        let ok = try CommandRun.musdb(
            ["verify", "--root", clean.root.path, "--is-wav", "--mixture-tolerance=-20"], in: scratch)
        XCTAssertEqual(ok.status, 0, ok.err)
        XCTAssertTrue(ok.out.contains("OK: 2 tracks checked, no problems"), ok.out)
    }

    func testStretchAcceptsNegativeSemitones() throws {
        let folder = try TestData.temporaryDirectory(self)
        let input = folder.appendingPathComponent("in.wav")
        let tone = (0..<22_050).map { 0.25 * sin(Double($0) * 2 * .pi * 440 / 44_100) }
        try AudioFile.write(AudioBuffer(sampleRate: 44_100, channels: [tone, tone]), to: input, format: .wav16)
        for arguments in [["--semitones", "-3"], ["--semitones=-3"]] {
            let output = folder.appendingPathComponent("out-\(arguments.count).wav")
            let run = try CommandRun.musdb(["stretch", input.path, output.path] + arguments, in: folder)
            XCTAssertEqual(run.status, 0, run.err)
            XCTAssertEqual(try AudioFile.info(of: output).frameCount, 22_050)
        }
        let bad = try CommandRun.musdb(
            ["stretch", input.path, folder.appendingPathComponent("x.wav").path, "--fft-size", "17"], in: folder)
        XCTAssertEqual(bad.status, 64, bad.err) // a usage error, not a trap
        XCTAssertTrue(bad.err.contains("--hop 4 must divide the FFT size 17"), bad.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.wav").path))
    }
}

extension BrokenDatasetCommandTests {
    /// Bad tracks are left out before planning, a NaN stem fails only its examples, no
    /// partial example remains, the manifest lists the complete ones, the status is 1.
    func testAugmentLeavesOutBadTracksAndFailsNaNExamplesAlone() throws {
        let data = try BrokenDataset(self, trainTracks: 5, testTracks: 0, seconds: 2)
        try data.resample(0, "bass", to: 48_000)
        try data.putNaN(1, "vocals", count: 88_200) // the whole left channel: every excerpt meets it
        try Data().write(to: data.file(2, "mixture"))
        let scratch = data.root.deletingLastPathComponent()
        for duration in ["0.5", "0"] {
            let output = scratch.appendingPathComponent("augmented-\(duration)")
            let run = try CommandRun.musdb(
                [
                    "augment", "--root", data.root.path, "--is-wav", "-o", output.path,
                    "--duration", duration, "--examples-per-track", "2",
                    "--repitch-probability", "0", "--jobs", "2"
                ], in: scratch)
            XCTAssertEqual(run.status, 1, run.err)
            XCTAssertTrue(
                run.err.contains(
                    "error: \(data.file(0, "bass").path): the bass stem of track '\(data.names[0])' is at 48000 Hz "
                        + "but the track's mixture is at 44100 Hz; track left out of the augmented set"), run.err)
            XCTAssertTrue(
                run.err.contains(
                    "error: \(data.file(2, "mixture").path): track '\(data.names[2])' (train) cannot be indexed: "
                        + "the file is empty (0 bytes); re-copy or re-download it; left out of the augmented set"),
                run.err)
            // The usable tracks are 1, 3, 4; track 1's two examples hold NaN.
            let count = duration == "0" ? 88_200 : 22_050
            for id in ["Augmented - 000000", "Augmented - 000001"] {
                XCTAssertTrue(
                    run.err.contains(
                        "error: \(id): \(data.file(1, "vocals").path): the vocals stem of track '\(data.names[1])' "
                            + "holds \(count) NaN or infinite samples"), run.err)
            }
            XCTAssertTrue(run.err.contains("4 examples written"), run.err)
            XCTAssertTrue(
                run.err.contains(
                    "2 example(s) failed and are not in the set; 2 track(s) left out of the augmented set"), run.err)
            XCTAssertFalse(run.err.contains("frames requested"), run.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent(".partial").path))
            let written = try FileManager.default.contentsOfDirectory(
                atPath: output.appendingPathComponent("train").path
            ).sorted()
            XCTAssertEqual(written, (2..<6).map { "Augmented - 00000\($0)" })
            let manifest = try String(contentsOf: output.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
            XCTAssertEqual(manifest.split(separator: "\n").count, 4)
            XCTAssertFalse(manifest.contains(data.names[1]), manifest)
            let augmented = try Database(root: output, subsets: [.train], isWav: true)
            XCTAssertEqual(augmented.problems, [])
            XCTAssertEqual(
                augmented.tracks.map(\.frameCount), Array(repeating: duration == "0" ? 88_200 : 22_050, count: 4))
        }
    }
}
