import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// A broken dataset stem or `dir` reference fails its track on the reference side (naming
/// the stem file and the fault), never the estimate's, and the other tracks are scored.
final class ReferenceBlameTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    func testBrokenReferenceStemsFailOnlyTheirTrackAndBlameTheReference() async throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 0, test: 6, seconds: 2)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems + [("accompaniment", "accompaniment")]) {
            "\($0.subset.rawValue)/\($0.name)/\($1)"
        }
        func stem(_ index: Int, _ source: Source) -> URL { database.tracks[index].sourceURLs[source]! }
        let frames = database.tracks[0].frameCount
        // 1: three NaN vocals samples; 2: truncated drums; 3: bass at 48 kHz; 4: mono vocals; 5: 6-channel other.
        try F.rewrite(stem(1, .vocals)) { for i in [10, 20, 30] { $0.channels[0][i] = .nan } }
        try F.rewrite(stem(2, .drums)) { $0 = $0.frames(0..<(frames - 1000)) }
        try F.rewrite(stem(3, .bass)) { $0 = AudioBuffer(sampleRate: 48_000, channels: $0.channels) }
        try F.rewrite(stem(4, .vocals)) { $0 = AudioBuffer(sampleRate: $0.sampleRate, channels: [$0.channels[0]]) }
        try F.rewrite(stem(5, .other)) {
            $0 = AudioBuffer(sampleRate: $0.sampleRate, channels: Array(repeating: $0.channels[0], count: 6))
        }

        let output = temp.appendingPathComponent("scores")
        let (report, _) = try await F.run(database, estimates: estimates, output: output)
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.scored.map(\.track), [database.tracks[0].name], report.summary)
        let failures = Dictionary(uniqueKeysWithValues: report.failed.map { ($0.track, $0.failure!) })
        func failure(_ index: Int) -> TrackEvaluationError? { failures[database.tracks[index].name] }
        let name = { (index: Int) in database.tracks[index].name }
        XCTAssertEqual(
            failure(1),
            .invalidReference(
                stem(1, .vocals),
                reason: "the vocals stem of track '\(name(1))' holds 3 NaN or infinite samples"))
        XCTAssertEqual(
            failure(2),
            .invalidReference(
                stem(2, .drums),
                reason: "the drums stem of track '\(name(2))' has "
                    + "\(frames - 1000) frames but the track's mixture has \(frames) (truncated?)"))
        XCTAssertEqual(
            failure(3),
            .invalidReference(
                stem(3, .bass),
                reason: "the bass stem of track '\(name(3))' is at "
                    + "48000 Hz but the track's mixture is at 44100 Hz"))
        XCTAssertEqual(
            failure(4),
            .invalidReference(
                stem(4, .vocals),
                reason: "the vocals stem of track '\(name(4))' has "
                    + "1 channel but the track's mixture has 2"))
        XCTAssertEqual(
            failure(5),
            .invalidReference(
                stem(5, .other),
                reason: "the other stem of track '\(name(5))' has "
                    + "6 channels but the track's mixture has 2"))
        for index in 1...5 {
            let error = try XCTUnwrap(failure(index))
            XCTAssertEqual(error.side, .reference)
            XCTAssertTrue(error.description.hasPrefix(error.file!.path + ": reference: "), error.description)
            XCTAssertFalse(error.description.contains("estimate"), error.description)
            XCTAssertFalse(error.description.contains("\n"))
            let json = output.appendingPathComponent("test/\(name(index)).json")
            XCTAssertFalse(FileManager.default.fileExists(atPath: json.path), "no scores from a broken reference")
        }
        XCTAssertEqual(
            "\(failure(1)!)",
            "\(stem(1, .vocals).path): reference: the vocals stem of track '\(name(1))' holds 3 NaN or infinite samples"
        )
    }

    func testEstimateFaultsBlameTheEstimate() async throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 0, test: 3, seconds: 2)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.name)/\($1)" }
        func file(_ index: Int, _ target: String) -> URL {
            estimates.appendingPathComponent("\(database.tracks[index].name)/\(target).wav")
        }
        try F.rewrite(file(1, "bass")) { $0.channels[1][5] = .infinity }
        try F.rewrite(file(2, "drums")) { $0 = $0.frames(0..<($0.frameCount - 441)) }
        let (report, _) = try await F.run(database, estimates: estimates, output: temp.appendingPathComponent("out"))
        XCTAssertEqual(report.failed.map(\.track), [database.tracks[1].name])
        let error = try XCTUnwrap(report.failed.first?.failure)
        XCTAssertEqual(error, .nonFinite(file(1, "bass"), count: 1))
        XCTAssertEqual(error.side, .estimate)
        XCTAssertTrue(error.description.contains(": estimate: 1 NaN or infinite sample"), error.description)
        let padded = try XCTUnwrap(report.outcomes.first { $0.track == database.tracks[2].name })
        XCTAssertEqual(padded.adjustments, [.padded(file(2, "drums"), frames: 441)])
    }

    private func tone(_ frequency: Double, frames: Int = 8000, channels: Int = 2) -> AudioBuffer {
        let samples = (0..<frames).map { 0.5 * sin(2 * Double.pi * frequency * Double($0) / 8000) }
        return AudioBuffer(sampleRate: 8000, channels: Array(repeating: samples, count: channels))
    }

    func testDirBlamesTheReferenceFolderAndFilesAndOnlyThenTheEstimate() throws {
        let temp = try TestData.temporaryDirectory(self)
        let references = temp.appendingPathComponent("song"), estimates = temp.appendingPathComponent("est")
        for folder in [references, estimates] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try AudioFile.write(tone(440), to: estimates.appendingPathComponent("vocals.wav"), format: .wav16)
        try AudioFile.write(tone(110), to: estimates.appendingPathComponent("bass.wav"), format: .wav16)
        func evaluate(_ refs: URL = references) throws -> DirectoryEvaluation.Result {
            try DirectoryEvaluation.evaluate(references: refs, estimates: estimates, kernel: F.fakeKernel)
        }
        let missing = temp.appendingPathComponent("nowhere")
        XCTAssertThrowsError(try evaluate(missing)) {
            XCTAssertEqual($0 as? EvaluationError, .referenceFolderNotFound(missing))
            XCTAssertEqual("\($0)", "\(missing.path): no such reference folder")
        }
        let vocals = references.appendingPathComponent("vocals.wav"),
            bass = references.appendingPathComponent("bass.wav")
        var nan = tone(445)
        nan.channels[0][3] = .nan
        try NonFiniteWAV.write(nan, to: vocals)
        try AudioFile.write(tone(110, channels: 6), to: bass, format: .wav16)
        XCTAssertThrowsError(try evaluate()) {
            XCTAssertEqual(
                $0 as? TrackEvaluationError, .invalidReference(vocals, reason: "holds 1 NaN or infinite sample"))
            XCTAssertEqual(($0 as? TrackEvaluationError)?.side, .reference)
        }
        try AudioFile.write(tone(445), to: vocals, format: .wav16)
        XCTAssertThrowsError(try evaluate()) { error in
            guard case .invalidReference(let url, let reason)? = error as? TrackEvaluationError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(url, bass, "the odd reference is blamed, not the stereo estimate")
            XCTAssertTrue(reason.contains("6 channels") && reason.contains("references must match"), reason)
        }
        // Sane mono references: a stereo estimate is the estimate's fault.
        try AudioFile.write(tone(445, channels: 1), to: vocals, format: .wav16)
        try AudioFile.write(tone(110, channels: 1), to: bass, format: .wav16)
        XCTAssertThrowsError(try evaluate()) {
            XCTAssertEqual(
                $0 as? TrackEvaluationError,
                .channelMismatch(estimates.appendingPathComponent("vocals.wav"), channels: 2, expected: 1))
            XCTAssertEqual(($0 as? TrackEvaluationError)?.side, .estimate)
        }
    }

    func testWriteFailuresSayWhyInWords() throws {
        let temp = try TestData.temporaryDirectory(self)
        let blocker = temp.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("test/T.json")
        let scores = TrackScores(track: "T", targets: [])
        let origin = ScoreOrigin(method: "/m", references: "/r", settings: ScoringSettings(options: .init()))
        let provenance = { (digest: String) in
            Provenance(
                track: "T", subset: "test", command: "evaluate", origin: origin, inputs: [], scoreFile: digest,
                adjustments: [])
        }
        XCTAssertThrowsError(try BatchEvaluator.write(scores, to: target, provenance: provenance)) { error in
            XCTAssertEqual(
                error as? TrackEvaluationError,
                .writeFailed(target, reason: "a part of the path is not a folder"))
            XCTAssertEqual((error as? TrackEvaluationError)?.side, .output)
        }
        let folderInTheWay = temp.appendingPathComponent("out/T.json")
        try FileManager.default.createDirectory(at: folderInTheWay, withIntermediateDirectories: true)
        XCTAssertThrowsError(try BatchEvaluator.write(scores, to: folderInTheWay, provenance: provenance)) {
            XCTAssertEqual($0 as? TrackEvaluationError, .writeFailed(folderInTheWay, reason: "is a folder"))
        }
        XCTAssertEqual(
            WriteFailureReason.describe(
                message: "The operation could not be completed. (NSCocoaErrorDomain error 640.)"),
            "the disk is full")
        XCTAssertEqual(WriteFailureReason.describe(errno: EROFS), "the file system is read-only")
        XCTAssertEqual(WriteFailureReason.describe(POSIXError(.ENOSPC)), "the disk is full")
    }
}
