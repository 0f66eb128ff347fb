import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

/// `museval ESTIMATES`, `museval dir` and `museval oracle` on broken references, broken
/// estimates and folders that already hold other results, run as the built executable.
final class MUSEvalCommandBadInputTests: XCTestCase {
    typealias Fault = BrokenInputs.Fault

    /// A dataset of 1 train + 3 test tracks with leaky estimates of every test track.
    private func scene(targets: [String] = ["vocals", "drums", "bass", "other"]) throws
        -> (folder: URL, root: URL, tests: [Track], estimates: URL)
    {
        let folder = try TestData.temporaryDirectory(self)
        let root = try BrokenInputs.dataset(in: folder, train: 1, test: 3)
        let tests = try BrokenInputs.tracks(root).filter { $0.subset == .test }
        let estimates = folder.appendingPathComponent("method-a")
        try BrokenInputs.estimates(for: tests, in: estimates, targets: targets)
        return (folder, root, tests, estimates)
    }

    private func scores(_ output: URL, _ track: Track) -> URL {
        output.appendingPathComponent("test").appendingPathComponent(track.name + ".json")
    }

    private func evaluate(
        _ estimates: URL, _ root: URL, _ output: URL, _ extra: [String] = [],
        line: UInt = #line
    ) throws -> CommandRunner.Result {
        try run(
            "museval",
            [estimates.path, "--musdb", root.path, "--is-wav", "--subsets", "test", "-o", output.path]
                + extra, line: line)
    }

    // MARK: broken references

    private func assertReferenceBlamed(
        _ fault: Fault, stem: String = "vocals",
        targets: [String] = ["vocals", "drums", "bass", "other"],
        line: UInt = #line
    ) throws {
        let (folder, root, tests, estimates) = try scene(targets: targets)
        let broken = tests[1]
        let file = BrokenInputs.file(stem, of: broken)
        try BrokenInputs.breakFile(file, fault)
        let output = folder.appendingPathComponent("scores")
        let result = try evaluate(estimates, root, output, line: line)
        XCTAssertEqual(result.status, 1, "\(fault): \(result.stderr)", line: line)
        XCTAssertNamesFault(result.stderr, file: file, fault, side: "reference", "reference \(fault)", line: line)
        XCTAssertFalse(
            result.stderr.lowercased().contains("estimate") && result.stderr.contains("resampled"),
            "\(fault): no estimate is adjusted to a broken reference:\n\(result.stderr)", line: line)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: scores(output, broken).path),
            "\(fault): no scores from a broken reference", line: line)
        for track in tests where track.name != broken.name {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: scores(output, track).path),
                "\(fault): \(track.name) still scored", line: line)
        }
        XCTAssertEqual(BrokenInputs.leftovers(under: output), [], line: line)
    }

    func testANaNReferenceStemIsBlamedOnTheReference() throws { try assertReferenceBlamed(.nan) }
    func testATruncatedReferenceStemIsBlamedOnTheReference() throws { try assertReferenceBlamed(.truncated) }
    func testAReferenceStemAt48kHzIsBlamedOnTheReference() throws { try assertReferenceBlamed(.rate48k) }
    func testASixChannelReferenceIsBlamedOnTheReference() throws {
        try assertReferenceBlamed(.sixChannels, stem: "drums")
    }
    func testAnEmptyReferenceStemIsBlamedOnTheReference() throws { try assertReferenceBlamed(.empty, stem: "other") }
    func testAMonoReferenceStemUnderTheAccompanimentDoesNotLoseTheBatch() throws {
        try assertReferenceBlamed(.mono, stem: "bass", targets: ["vocals", "accompaniment"])
    }

    // MARK: broken estimates

    private func assertEstimateBlamed(_ fault: Fault, line: UInt = #line) throws {
        let (folder, root, tests, estimates) = try scene()
        let broken = tests[0]
        let file = estimates.appendingPathComponent("test/\(broken.name)/drums.wav")
        try BrokenInputs.breakFile(file, fault)
        let output = folder.appendingPathComponent("scores")
        let result = try evaluate(estimates, root, output, line: line)
        XCTAssertEqual(result.status, 1, "\(fault): \(result.stderr)", line: line)
        XCTAssertNamesFault(result.stderr, file: file, fault, side: "estimate", "estimate \(fault)", line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scores(output, broken).path), line: line)
        for track in tests.dropFirst() {
            XCTAssertTrue(FileManager.default.fileExists(atPath: scores(output, track).path), line: line)
        }
    }

    func testANaNEstimateIsBlamedOnTheEstimate() throws { try assertEstimateBlamed(.nan) }
    func testAnEstimateThatIsTextIsBlamedOnTheEstimate() throws { try assertEstimateBlamed(.text) }
    func testAnEmptyEstimateIsBlamedOnTheEstimate() throws { try assertEstimateBlamed(.empty) }
    func testASixChannelEstimateIsBlamedOnTheEstimate() throws { try assertEstimateBlamed(.sixChannels) }

    func testATruncatedEstimateIsPaddedWithAWarningThatARerunRepeats() throws {
        let (folder, root, tests, estimates) = try scene()
        let file = estimates.appendingPathComponent("test/\(tests[2].name)/bass.wav")
        try BrokenInputs.breakFile(file, .truncated)
        let output = folder.appendingPathComponent("scores")
        let first = try evaluate(estimates, root, output)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains(file.path) && first.stderr.contains("padded"), first.stderr)
        let second = try evaluate(estimates, root, output)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("0 scored"), second.stderr)
        XCTAssertTrue(
            second.stderr.contains(file.path) && second.stderr.contains("padded"),
            "the earlier run's warning is shown again:\n\(second.stderr)")
    }

    func testAMissingEstimateFailsOnlyItsTrack() throws {
        let (folder, root, tests, estimates) = try scene()
        let missing = estimates.appendingPathComponent("test/\(tests[1].name)/other.wav")
        try FileManager.default.removeItem(at: missing)
        let output = folder.appendingPathComponent("scores")
        let result = try evaluate(estimates, root, output)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(tests[1].name) && result.stderr.contains("other"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scores(output, tests[0]).path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: scores(output, tests[2]).path))
    }

    func testAnOutputThatIsAFileFailsBeforeScoringInOneLine() throws {
        let (folder, root, _, estimates) = try scene()
        let output = folder.appendingPathComponent("scores")
        try Data("x".utf8).write(to: output)
        let result = try evaluate(estimates, root, output)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"), result.stderr)
        let mentions = result.stderr.split(separator: "\n").filter { $0.contains(output.path) }
        XCTAssertEqual(mentions.count, 1, "one line, not one per track:\n\(result.stderr)")
        XCTAssertTrue(mentions.first?.contains("not a folder") ?? false, result.stderr)
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), "x")
    }

    // MARK: stale results

    /// Scores `estimates` into a fresh folder and returns the bytes of each test track's JSON.
    private func freshScores(_ estimates: URL, _ root: URL, _ tests: [Track], _ extra: [String] = []) throws -> [Data] {
        let output = try TestData.temporaryDirectory(self).appendingPathComponent("fresh")
        let result = try evaluate(estimates, root, output, extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try tests.map { try Data(contentsOf: scores(output, $0)) }
    }

    /// A rerun with other settings into the same folder must never keep the old scores
    /// silently: it rescores, or refuses and says how to force it.
    private func assertSettingsChangeIsNotIgnored(_ settings: [String], line: UInt = #line) throws {
        let (folder, root, tests, estimates) = try scene()
        let output = folder.appendingPathComponent("scores")
        XCTAssertEqual(try evaluate(estimates, root, output, line: line).status, 0, line: line)
        let before = try tests.map { try Data(contentsOf: scores(output, $0)) }
        let rerun = try evaluate(estimates, root, output, settings, line: line)
        let after = try tests.map { try Data(contentsOf: scores(output, $0)) }
        if rerun.status == 0 {
            XCTAssertEqual(
                after, try freshScores(estimates, root, tests, settings), "\(settings): rescored", line: line)
        } else {
            XCTAssertTrue(
                rerun.stderr.contains("--force"), "\(settings): the refusal says how:\n\(rerun.stderr)", line: line)
            XCTAssertEqual(after, before, "\(settings): a refusal changes nothing", line: line)
            let forced = try evaluate(estimates, root, output, settings + ["--force"], line: line)
            XCTAssertEqual(forced.status, 0, forced.stderr, line: line)
            let replaced = try tests.map { try Data(contentsOf: scores(output, $0)) }
            XCTAssertEqual(
                replaced, try freshScores(estimates, root, tests, settings), "\(settings) --force", line: line)
        }
    }

    func testARerunInAnotherModeIsNotSkipped() throws { try assertSettingsChangeIsNotIgnored(["--mode", "v3"]) }
    func testARerunWithOtherWindowsIsNotSkipped() throws {
        try assertSettingsChangeIsNotIgnored(["--win", "0.5", "--hop", "0.5"])
    }

    func testAnotherMethodsEstimatesAreNotFiledUnderTheFirstMethodsScores() throws {
        let (folder, root, tests, estimates) = try scene()
        let methodB = folder.appendingPathComponent("method-b")
        try BrokenInputs.estimates(for: tests, in: methodB, mixtureShare: 0.3)
        let output = folder.appendingPathComponent("scores")
        XCTAssertEqual(try evaluate(estimates, root, output).status, 0)
        let first = try tests.map { try Data(contentsOf: scores(output, $0)) }
        let refused = try evaluate(methodB, root, output)
        XCTAssertNotEqual(refused.status, 0, "another method's scores are never mixed in: \(refused.stderr)")
        XCTAssertTrue(refused.stderr.contains("--force") && refused.stderr.contains("method-a"), refused.stderr)
        XCTAssertEqual(try tests.map { try Data(contentsOf: scores(output, $0)) }, first)
        let forced = try evaluate(methodB, root, output, ["--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        let replaced = try tests.map { try Data(contentsOf: scores(output, $0)) }
        XCTAssertEqual(replaced, try freshScores(methodB, root, tests))
        XCTAssertNotEqual(replaced, first)
    }

    func testAnEstimateEditedAfterScoringIsRescored() throws {
        let (folder, root, tests, estimates) = try scene()
        let output = folder.appendingPathComponent("scores")
        XCTAssertEqual(try evaluate(estimates, root, output).status, 0)
        // Same size, same modification time: only the content tells.
        let file = estimates.appendingPathComponent("test/\(tests[0].name)/vocals.wav")
        let date = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        let audio = try AudioFile.read(file)
        try AudioFile.write(audio.scaled(by: 0.5), to: file, format: .wav16)
        try FileManager.default.setAttributes([.modificationDate: date as Any], ofItemAtPath: file.path)
        let rerun = try evaluate(estimates, root, output)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("1 scored"), rerun.stderr)
    }

    func testAnUnchangedRerunSkipsEveryTrack() throws {
        let (folder, root, tests, estimates) = try scene()
        let output = folder.appendingPathComponent("scores")
        XCTAssertEqual(try evaluate(estimates, root, output).status, 0)
        let rerun = try evaluate(estimates, root, output)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(
            rerun.stderr.contains("0 scored") && rerun.stderr.contains("\(tests.count) skipped"), rerun.stderr)
    }

    // MARK: museval dir

    func testDirNamesAMissingReferenceFolder() throws {
        let (folder, _, tests, estimates) = try scene()
        let references = folder.appendingPathComponent("no-such-references")
        let result = try run(
            "museval",
            [
                "dir", references.path,
                estimates.appendingPathComponent("test/\(tests[0].name)").path
            ])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains(references.path) && result.stderr.contains("reference"), result.stderr)
        XCTAssertFalse(result.stderr.contains("estimates folder"), result.stderr)
    }

    func testDirBlamesANaNReference() throws {
        let (folder, _, tests, estimates) = try scene()
        let reference = BrokenInputs.file("vocals", of: tests[0])
        try BrokenInputs.breakFile(reference, .nan)
        let output = folder.appendingPathComponent("dir-scores")
        let result = try run(
            "museval",
            [
                "dir", reference.deletingLastPathComponent().path,
                estimates.appendingPathComponent("test/\(tests[0].name)").path, "-o", output.path
            ])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertNamesFault(result.stderr, file: reference, .nan, side: "reference", "dir")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [], [])
    }

    func testDirBlamesANaNEstimate() throws {
        let (folder, _, tests, estimates) = try scene()
        let estimate = estimates.appendingPathComponent("test/\(tests[0].name)/bass.wav")
        try BrokenInputs.breakFile(estimate, .nan)
        let result = try run(
            "museval",
            [
                "dir", tests[0].path.deletingLastPathComponent().path,
                estimate.deletingLastPathComponent().path, "-o", folder.appendingPathComponent("o").path
            ])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertNamesFault(result.stderr, file: estimate, .nan, side: "estimate", "dir")
    }

    func testDirOutputThatIsAFileIsOneClearLine() throws {
        let (folder, _, tests, estimates) = try scene()
        let output = folder.appendingPathComponent("taken")
        try Data("x".utf8).write(to: output)
        let result = try run(
            "museval",
            [
                "dir", tests[0].path.deletingLastPathComponent().path,
                estimates.appendingPathComponent("test/\(tests[0].name)").path, "-o", output.path
            ])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"), result.stderr)
        XCTAssertTrue(result.stderr.contains(output.path) && result.stderr.contains("not a folder"), result.stderr)
    }

    // MARK: museval oracle

    private func assertOracleGoesOn(_ fault: Fault, method: String, line: UInt = #line) throws {
        let folder = try TestData.temporaryDirectory(self)
        let root = try BrokenInputs.dataset(in: folder, train: 1, test: 2)
        let tracks = try BrokenInputs.tracks(root)
        let file = BrokenInputs.file("drums", of: tracks[1])
        try BrokenInputs.breakFile(file, fault)
        let output = folder.appendingPathComponent("oracle")
        let result = try run(
            "museval", ["oracle", "--method", method, "--root", root.path, "--is-wav", "-o", output.path],
            line: line)
        XCTAssertEqual(result.status, 1, result.stderr, line: line)
        XCTAssertNamesFault(result.stderr, file: file, fault, "oracle \(method) \(fault)", line: line)
        let brokenFolder = output.appendingPathComponent("\(tracks[1].subset.rawValue)/\(tracks[1].name)")
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: brokenFolder.path), "no estimates from a broken track", line: line)
        for track in [tracks[0], tracks[2]] {
            let vocals = output.appendingPathComponent("\(track.subset.rawValue)/\(track.name)/vocals.wav")
            let audio = try AudioFile.read(vocals)
            XCTAssertTrue(audio.channels.allSatisfy { $0.allSatisfy(\.isFinite) }, line: line)
        }
        XCTAssertEqual(BrokenInputs.leftovers(under: output), [], line: line)
    }

    func testOracleIRMGoesOnPastANaNStem() throws { try assertOracleGoesOn(.nan, method: "irm2") }
    func testOracleMWFGoesOnPastANaNStem() throws { try assertOracleGoesOn(.nan, method: "mwf") }
    func testOracleGoesOnPastAMonoStem() throws { try assertOracleGoesOn(.mono, method: "irm1") }
}
