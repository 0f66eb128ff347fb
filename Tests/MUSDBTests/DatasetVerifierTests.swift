import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

final class DatasetVerifierTests: XCTestCase {
    func makeSample() throws -> (URL, Manifest) {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("sample")
        try SampleDataset(trainTrackCount: 2, testTrackCount: 1, seconds: 2).write(to: root)
        return (root, try DatasetVerifier.manifest(for: root))
    }

    func testCleanSample() throws {
        let (root, manifest) = try makeSample()
        XCTAssertEqual(manifest.name, "MUSDB18 synthetic sample")
        let report = try DatasetVerifier(root: root, isWav: true, manifest: manifest).verify()
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.tracks.count, 3)
        XCTAssertTrue(report.tracks.allSatisfy { $0.mixtureErrorDB == -.infinity })
    }

    func testFindsEveryKindOfProblem() throws {
        let (root, manifest) = try makeSample()
        let tracks = try Database(root: root, isWav: true).tracks
        let train0 = tracks[0].path.deletingLastPathComponent()
        let train1 = tracks[1].path.deletingLastPathComponent()
        let test0 = tracks[2].path.deletingLastPathComponent()
        // Missing stem; a 48 kHz mono, shorter stem; a louder mixture; a text stem.
        try FileManager.default.removeItem(at: train0.appendingPathComponent("bass.wav"))
        let short = AudioBuffer(sampleRate: 48000, frameCount: 1000, channelCount: 1)
        try AudioFile.write(short, to: train1.appendingPathComponent("drums.wav"), format: .wav16)
        try "text".write(to: train1.appendingPathComponent("other.wav"), atomically: true, encoding: .utf8)
        let mixture = try AudioFile.read(test0.appendingPathComponent("mixture.wav"))
        try AudioFile.write(mixture.scaled(by: 0.5), to: test0.appendingPathComponent("mixture.wav"), format: .wav16)
        // An extra track and a manifest test-length mismatch and a missing track.
        var edited = manifest
        edited.tracks[edited.tracks.firstIndex { $0.subset == .test }!].seconds = 3
        edited.tracks.append(ManifestTrack(name: "Nobody - Nothing", subset: .test, seconds: 1))
        let extra = root.appendingPathComponent("train/Extra - Track")
        try FileManager.default.copyItem(at: test0, to: extra)

        let report = try DatasetVerifier(root: root, isWav: true, manifest: edited).verify()
        let text = report.problems.map(\.description)
        let expected: [VerificationProblem] = [
            .missingTrack(name: "Nobody - Nothing", subset: .test),
            .missingStem(track: tracks[0].name, stem: "bass", path: train0.appendingPathComponent("bass.wav").path),
            .wrongRate(
                track: tracks[1].name, stem: "drums", found: 48000, expected: 44100,
                path: train1.appendingPathComponent("drums.wav").path),
            .wrongChannelCount(
                track: tracks[1].name, stem: "drums", found: 1, expected: 2,
                path: train1.appendingPathComponent("drums.wav").path),
            .extraTrack(name: "Extra - Track", subset: .train),
            .wrongTestLength(track: tracks[2].name, seconds: 2, expected: 3)
        ]
        for problem in expected { XCTAssertTrue(report.problems.contains(problem), "missing \(problem) in \(text)") }
        XCTAssertTrue(
            text.contains { $0.hasPrefix("\(tracks[1].name): unreadable other: ") && $0.contains("other.wav") },
            "\(text)")
        XCTAssertTrue(
            report.problems.contains { problem in
                if case .invalidStem(tracks[1].name, "drums", _, .length) = problem { return true }
                return false
            })
        XCTAssertTrue(
            report.problems.contains { problem in
                if case .mixtureMismatch(tracks[2].name, let db, _) = problem { return abs(db) < 0.01 }
                return false
            }, "\(text)")
        XCTAssertFalse(report.isClean)

        // --present-only drops the missing-track problem.
        let present = try DatasetVerifier(
            root: root, isWav: true, manifest: edited, presentOnly: true, checksMixture: false
        ).verify()
        XCTAssertFalse(present.problems.contains(.missingTrack(name: "Nobody - Nothing", subset: .test)))
    }

    func testSharedSampleStemsAgainstMUSDB18() throws {
        let root = try TestData.requireShared("musdb-sample")
        let report = try DatasetVerifier(root: root, isWav: false, manifest: .musdb18, presentOnly: true).verify()
        XCTAssertEqual(report.problems, [])
        let error = try XCTUnwrap(report.tracks.first?.mixtureErrorDB)
        XCTAssertEqual(error, -31.6, accuracy: 0.1) // a real mix is close to, not exactly, the stem sum
        let full = try DatasetVerifier(root: root, isWav: false, manifest: .musdb18, checksMixture: false).verify()
        XCTAssertEqual(full.problems.count, 149) // every other MUSDB18 track is missing
    }
}
