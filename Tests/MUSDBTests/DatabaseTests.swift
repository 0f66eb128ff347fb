import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

final class DatabaseTests: XCTestCase {
    /// A small HQ root written by the sample generator.
    func makeSample(trainTracks: Int = 2, testTracks: Int = 1, seconds: Double = 2.5) throws -> URL {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("sample")
        try SampleDataset(trainTrackCount: trainTracks, testTrackCount: testTracks, seconds: seconds).write(to: root)
        return root
    }

    func testEmptyRootIsAClearError() throws {
        let root = try TestData.temporaryDirectory(self)
        XCTAssertThrowsError(try Database(root: root, isWav: true)) { error in
            XCTAssertEqual(error as? MUSDBError, .notADatasetRoot(root))
            XCTAssertEqual("\(error)", "\(root.path): not a MUSDB18 root (it has neither a train nor a test folder)")
        }
        let missing = root.appendingPathComponent("nowhere")
        XCTAssertThrowsError(try Database(root: missing)) { error in
            XCTAssertEqual("\(error)", "\(missing.path): no such folder (the MUSDB18 root)")
        }
        XCTAssertThrowsError(try Database(root: root, subsets: [.train, .test], split: .valid)) { error in
            XCTAssertEqual(error as? MUSDBError, .splitNeedsTrainSubset)
        }
    }

    func testTrackMetadataAndTargets() throws {
        let root = try makeSample()
        let database = try Database(root: root, isWav: true)
        XCTAssertEqual(database.tracks.map(\.subset), [.train, .train, .test])
        let track = database.tracks[0]
        XCTAssertEqual(track.rate, 44100)
        XCTAssertEqual(track.frameCount, 110_250)
        XCTAssertEqual(track.duration, 2.5)
        XCTAssertEqual(track.split, .train)
        XCTAssertEqual(
            track.targets.map(\.name), ["vocals", "drums", "bass", "other", "accompaniment", "linear_mixture"])
        XCTAssertEqual("\(track.artist ?? "") - \(track.title ?? "")", track.name)
        let sources = try track.loadSources()
        // The synthetic mixture is exactly the sum of its stems.
        XCTAssertEqual(try track.audio(ofTarget: .linearMixture), try track.audio())
        let accompaniment = try track.audio(ofTarget: .accompaniment)
        XCTAssertEqual(accompaniment, sources[.bass]!.adding(sources[.drums]!).adding(sources[.other]!))
        // A user-defined target with gains.
        let karaoke = Target(name: "half-vocals", components: [.init(.vocals, gain: 0.5), .init(.bass)])
        XCTAssertEqual(try track.audio(ofTarget: karaoke), sources[.vocals]!.scaled(by: 0.5).adding(sources[.bass]!))
        XCTAssertEqual(try track.stems().count, 5)
        XCTAssertThrowsError(try track.target(named: "piano"))
    }

    func testChunksUseFFmpegRounding() throws {
        let root = try makeSample(trainTracks: 1, testTracks: 0)
        var track = try Database(root: root, isWav: true).tracks[0]
        let whole = try track.audio(of: .drums)
        track.chunkStart = 1.0 / 3.0
        track.chunkDuration = 0.5
        XCTAssertEqual(track.chunkFrames, 14700..<(14700 + 22050)) // round(333333 µs · 44.1) = 14700
        XCTAssertEqual(try track.audio(of: .drums), whole.frames(14700..<36750))
        track.chunkStart = 2.4
        track.chunkDuration = 1
        XCTAssertEqual(track.chunkFrames, 105_840..<110_250) // clipped at the end
        track.chunkStart = 3
        XCTAssertEqual(try track.audio().frameCount, 0)
    }

    func testResamplingOnLoad() throws {
        let root = try makeSample(trainTracks: 1, testTracks: 0)
        let track = try Database(root: root, isWav: true, sampleRate: 22050).tracks[0]
        XCTAssertEqual(track.rate, 44100)
        let vocals = try track.audio(of: .vocals)
        XCTAssertEqual(vocals.sampleRate, 22050)
        XCTAssertEqual(vocals.frameCount, 55_125)
    }

    func testMissingStemZeroByteAndTextMixture() throws {
        let root = try makeSample(trainTracks: 2, testTracks: 0)
        var database = try Database(root: root, isWav: true)
        let first = database.tracks[0], second = database.tracks[1]
        let vocals = first.path.deletingLastPathComponent().appendingPathComponent("vocals.wav")
        try FileManager.default.removeItem(at: vocals)
        database = try Database(root: root, isWav: true)
        XCTAssertEqual(database.tracks[0].sources, [.drums, .bass, .other])
        XCTAssertThrowsError(try database.tracks[0].audio(ofTarget: .linearMixture)) { error in
            XCTAssertEqual(error as? MUSDBError, .missingSource(track: first.name, source: "vocals", url: vocals))
            XCTAssertEqual("\(error)", "\(vocals.path): missing vocals stem of track '\(first.name)'")
        }
        XCTAssertNoThrow(try database.tracks[0].audio(ofTarget: .accompaniment))

        // A zero-byte mixture is a problem naming it; the other track is still indexed.
        try Data().write(to: second.path)
        database = try Database(root: root, isWav: true)
        XCTAssertEqual(database.tracks.map(\.name), [first.name])
        XCTAssertEqual(
            database.problems,
            [
                TrackProblem(
                    subset: .train, track: second.name, url: second.path,
                    reason: "the file is empty (0 bytes); re-copy or re-download it")
            ])
        // Text named mixture.wav.
        try "not audio".write(to: second.path, atomically: true, encoding: .utf8)
        database = try Database(root: root, isWav: true)
        XCTAssertTrue(
            "\(database.problems)".contains(
                "\(second.name)/mixture.wav: track '\(second.name)' (train) cannot be indexed: not an audio file"),
            "\(database.problems)")
        // No mixture at all.
        try FileManager.default.removeItem(at: second.path)
        database = try Database(root: root, isWav: true)
        XCTAssertEqual(database.problems.map(\.url), [second.path])
        XCTAssertEqual(database.problems.first?.reason, "missing mixture of track '\(second.name)'")
    }

    /// The split follows the manifest's validation tracks, train subset only.
    func testSplitUsesTheManifest() throws {
        let root = try makeSample(trainTracks: 3, testTracks: 1)
        var manifest = try DatasetVerifier.manifest(for: root)
        let all = try Database(root: root, isWav: true).tracks.map(\.name)
        manifest.tracks[manifest.tracks.firstIndex { $0.name == all[1] }!].split = .valid
        let valid = try Database(root: root, subsets: [.train], split: .valid, isWav: true, manifest: manifest)
        XCTAssertEqual(valid.tracks.map(\.name), [all[1]])
        XCTAssertEqual(valid.tracks[0].split, .valid)
        let train = try Database(root: root, subsets: [.train], split: .train, isWav: true, manifest: manifest)
        XCTAssertEqual(train.tracks.map(\.name), [all[0], all[2]])
        XCTAssertEqual(
            try Database(root: root, subsets: [.test, .train], isWav: true).tracks.map(\.name),
            [all[3], all[0], all[1], all[2]])
    }

    func testStemsLayoutIgnoresFolders() throws {
        let root = try makeSample(trainTracks: 1, testTracks: 0)
        XCTAssertEqual(try Database(root: root, isWav: false).tracks.count, 0)
    }

    func testEnvironmentRoot() throws {
        let root = try makeSample(trainTracks: 1, testTracks: 0)
        setenv("MUSDB_PATH", root.path, 1)
        defer { unsetenv("MUSDB_PATH") }
        XCTAssertEqual(try Database(isWav: true).tracks.count, 1)
    }

    func testSaveEstimatesLayout() throws {
        let root = try makeSample(trainTracks: 0, testTracks: 1)
        let track = try Database(root: root, isWav: true).tracks[0]
        let estimates = try track.load([.vocals, .accompaniment])
        let out = try TestData.temporaryDirectory(self)
        try Database.saveEstimates(estimates, for: track, to: out)
        for name in ["vocals", "accompaniment"] {
            let url = out.appendingPathComponent("test/\(track.name)/\(name).wav")
            XCTAssertEqual(try AudioFile.read(url), estimates[name], name)
            XCTAssertTrue(try AudioFile.info(of: url).isPCM16)
        }
    }
}
