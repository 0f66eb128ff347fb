import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

/// `musdb list/info/verify/load/augment/stretch` on a dataset with one broken track, run as
/// the built executable: no crash, an error line naming the file and the fault, the healthy
/// tracks still processed, nothing partial written, exit status 1.
final class MUSDBCommandBadInputTests: XCTestCase {
    typealias Fault = BrokenInputs.Fault

    /// A dataset of 2 train + 3 test tracks, and its tracks in order.
    private func dataset() throws -> (folder: URL, root: URL, tracks: [Track]) {
        let folder = try TestData.temporaryDirectory(self)
        let root = try BrokenInputs.dataset(in: folder)
        return (folder, root, try BrokenInputs.tracks(root))
    }

    private func assertListsHealthyTracks(
        _ result: CommandRunner.Result, _ tracks: [Track], except broken: Track,
        line: UInt = #line
    ) {
        for track in tracks where track.name != broken.name {
            XCTAssertTrue(result.stdout.contains(track.name), "\(track.name) not listed:\n\(result.stdout)", line: line)
        }
    }

    // MARK: list

    func testListGoesOnPastAnEmptyMixture() throws {
        let (_, root, tracks) = try dataset()
        let broken = tracks[3]
        try BrokenInputs.breakFile(BrokenInputs.file("mixture", of: broken), .empty)
        let result = try run("musdb", ["list", "--root", root.path, "--is-wav"])
        XCTAssertEqual(result.status, 1, result.stderr)
        assertListsHealthyTracks(result, tracks, except: broken)
        XCTAssertNamesFault(result.stderr, file: BrokenInputs.file("mixture", of: broken), .empty, "list")
    }

    func testListGoesOnPastAMixtureThatIsText() throws {
        let (_, root, tracks) = try dataset()
        let broken = tracks[0]
        try BrokenInputs.breakFile(BrokenInputs.file("mixture", of: broken), .text)
        let result = try run("musdb", ["list", "--root", root.path, "--is-wav", "--json"])
        XCTAssertEqual(result.status, 1, result.stderr)
        assertListsHealthyTracks(result, tracks, except: broken)
        XCTAssertFalse(result.stdout.contains(broken.name), "a broken track is not listed as healthy")
        XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), "stdout stays valid JSON")
        XCTAssertNamesFault(result.stderr, file: BrokenInputs.file("mixture", of: broken), .text, "list --json")
    }

    func testListGoesOnPastASymlinkLoop() throws {
        let (_, root, tracks) = try dataset()
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("test/loop").path,
            withDestinationPath: ".")
        let result = try run("musdb", ["list", "--root", root.path, "--is-wav"])
        XCTAssertEqual(result.status, 1, result.stderr)
        for track in tracks { XCTAssertTrue(result.stdout.contains(track.name), "\(track.name) not listed") }
        XCTAssertTrue(result.stderr.contains("test/loop"), "the loop is named:\n\(result.stderr)")
    }

    // MARK: info

    func testInfoOfAHealthyTrackBesideABrokenOne() throws {
        let (_, root, tracks) = try dataset()
        try BrokenInputs.breakFile(BrokenInputs.file("mixture", of: tracks[1]), .empty)
        let result = try run("musdb", ["info", "--root", root.path, "--is-wav", tracks[2].name])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("vocals"), result.stdout)
    }

    func testInfoOfATrackWithATruncatedStem() throws {
        let (_, root, tracks) = try dataset()
        let stem = BrokenInputs.file("drums", of: tracks[2])
        try BrokenInputs.breakFile(stem, .truncated)
        let result = try run("musdb", ["info", "--root", root.path, "--is-wav", tracks[2].name])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertNamesFault(result.stdout + result.stderr, file: stem, .truncated, "info")
    }

    func testInfoOfATrackWithAnEmptyMixture() throws {
        let (_, root, tracks) = try dataset()
        let mixture = BrokenInputs.file("mixture", of: tracks[2])
        try BrokenInputs.breakFile(mixture, .empty)
        let result = try run("musdb", ["info", "--root", root.path, "--is-wav", tracks[2].name])
        XCTAssertEqual(result.status, 1)
        XCTAssertNamesFault(result.stderr, file: mixture, .empty, "info")
    }

    // MARK: verify

    private func assertVerifyReports(_ fault: Fault, stem: String = "bass", line: UInt = #line) throws {
        let (_, root, tracks) = try dataset()
        let broken = tracks[3]
        let file = BrokenInputs.file(stem, of: broken)
        try BrokenInputs.breakFile(file, fault)
        let result = try run("musdb", ["verify", "--root", root.path, "--is-wav", "--present-only"], line: line)
        XCTAssertEqual(result.status, 1, "\(fault): \(result.stdout)\n\(result.stderr)", line: line)
        XCTAssertFalse(result.stdout.contains("OK:"), "\(fault): a broken dataset is never OK", line: line)
        XCTAssertFalse(result.stdout.lowercased().contains("nan db"), "\(fault): no NaN error figure", line: line)
        for track in tracks where track.name != broken.name {
            XCTAssertTrue(result.stdout.contains(track.name), "\(fault): \(track.name) not checked", line: line)
        }
        XCTAssertNamesFault(result.stdout + result.stderr, file: file, fault, "verify \(fault)", line: line)
    }

    func testVerifyReportsANaNStem() throws { try assertVerifyReports(.nan, stem: "vocals") }
    func testVerifyReportsATruncatedStem() throws { try assertVerifyReports(.truncated) }
    func testVerifyReportsAStemAt48kHz() throws { try assertVerifyReports(.rate48k) }
    func testVerifyReportsAMonoStem() throws { try assertVerifyReports(.mono) }
    func testVerifyReportsASixChannelStem() throws { try assertVerifyReports(.sixChannels) }
    func testVerifyReportsAnEmptyMixture() throws { try assertVerifyReports(.empty, stem: "mixture") }
    func testVerifyReportsAStemThatIsText() throws { try assertVerifyReports(.text, stem: "other") }

    // MARK: load

    private func assertLoadGoesOn(_ fault: Fault, stem: String = "bass", line: UInt = #line) throws {
        let (_, root, tracks) = try dataset()
        let broken = tracks[1]
        let file = BrokenInputs.file(stem, of: broken)
        try BrokenInputs.breakFile(file, fault)
        let result = try run("musdb", ["load", "--root", root.path, "--is-wav"], line: line)
        XCTAssertEqual(result.status, 1, "\(fault): \(result.stderr)", line: line)
        assertListsHealthyTracks(result, tracks, except: broken, line: line)
        XCTAssertNamesFault(result.stdout + result.stderr, file: file, fault, "load \(fault)", line: line)
    }

    func testLoadGoesOnPastAMonoStem() throws { try assertLoadGoesOn(.mono) }
    func testLoadGoesOnPastANaNStem() throws { try assertLoadGoesOn(.nan) }
    func testLoadGoesOnPastAStemAt48kHz() throws { try assertLoadGoesOn(.rate48k) }
    func testLoadGoesOnPastATruncatedStem() throws { try assertLoadGoesOn(.truncated, stem: "vocals") }

    // MARK: augment

    private func assertAugmentGoesOn(_ fault: Fault, duration: String = "1", line: UInt = #line) throws {
        let (folder, root, tracks) = try dataset()
        let broken = tracks[0], healthy = tracks[1]
        XCTAssertEqual(broken.subset, .train)
        let file = BrokenInputs.file("bass", of: broken)
        try BrokenInputs.breakFile(file, fault)
        let out = folder.appendingPathComponent("augmented")
        let result = try run(
            "musdb",
            [
                "augment", "--root", root.path, "--is-wav", "-o", out.path,
                "--examples-per-track", "2", "--duration", duration, "--seed", "7"
            ], line: line)
        XCTAssertEqual(result.status, 1, "\(fault): \(result.stderr)", line: line)
        XCTAssertNamesFault(result.stderr, file: file, fault, "augment \(fault)", line: line)
        XCTAssertFalse(result.stderr.contains("frames requested"), result.stderr, line: line)
        let manifest = (try? String(contentsOf: out.appendingPathComponent("manifest.jsonl"), encoding: .utf8)) ?? ""
        XCTAssertTrue(
            manifest.contains(healthy.name), "\(fault): the healthy track is augmented:\n\(result.stderr)", line: line)
        XCTAssertFalse(manifest.contains(broken.name), "\(fault): no example from the broken track", line: line)
        XCTAssertEqual(BrokenInputs.leftovers(under: out), [], "\(fault): nothing partial", line: line)
        // Every example folder listed in the manifest is complete and finite.
        let examples =
            (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("train").path)) ?? []
        XCTAssertFalse(examples.isEmpty, line: line)
        for example in examples {
            let mixture = try AudioFile.read(out.appendingPathComponent("train/\(example)/mixture.wav"))
            XCTAssertTrue(mixture.channels.allSatisfy { $0.allSatisfy(\.isFinite) }, line: line)
            XCTAssertLessThan(mixture.peak, 1, "\(fault): no full-scale clicks in \(example)", line: line)
        }
    }

    func testAugmentLeavesOutATrackWithAMonoStem() throws { try assertAugmentGoesOn(.mono) }
    func testAugmentLeavesOutATrackWithAStemAt48kHz() throws { try assertAugmentGoesOn(.rate48k) }
    func testAugmentLeavesOutATrackWithATruncatedStem() throws { try assertAugmentGoesOn(.truncated) }
    func testAugmentOfWholeTracksNeverWritesNaNAsClicks() throws { try assertAugmentGoesOn(.nan, duration: "0") }

    // MARK: stretch

    func testStretchAcceptsNegativeSemitones() throws {
        let (folder, _, tracks) = try dataset()
        let out = folder.appendingPathComponent("down.wav")
        let result = try run(
            "musdb",
            [
                "stretch", BrokenInputs.file("vocals", of: tracks[0]).path, out.path,
                "--semitones", "-3"
            ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try AudioFile.info(of: out).frameCount, tracks[0].frameCount)
    }

    func testStretchOfATextFileNamesIt() throws {
        let (folder, _, _) = try dataset()
        let input = folder.appendingPathComponent("notes.wav")
        try Data("not audio".utf8).write(to: input)
        let out = folder.appendingPathComponent("out.wav")
        let result = try run("musdb", ["stretch", input.path, out.path, "--rate", "1.1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(input.path) && result.stderr.contains("not an audio file"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(BrokenInputs.leftovers(under: folder), [])
    }
}
