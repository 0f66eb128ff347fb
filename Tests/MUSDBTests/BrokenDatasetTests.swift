import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

/// Broken files in a dataset: each is reported with its file and fault, the healthy tracks
/// are still indexed, loaded and verified, and nothing traps.
final class BrokenDatasetTests: XCTestCase {
    func testIndexingRecordsBrokenTracksAndIndexesTheOthers() throws {
        let data = try BrokenDataset(self, trainTracks: 4, testTracks: 1)
        let empty = data.file(0, "mixture"), text = data.file(1, "mixture"), missing = data.file(2, "mixture")
        try Data().write(to: empty)
        try "not audio".write(to: text, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: missing)
        try data.link("test", "loop", to: ".")
        try data.link("train", "up", to: "..")

        let database = try Database(root: data.root, isWav: true)
        XCTAssertEqual(database.tracks.map(\.name), [data.names[3], data.names[4]])
        // Per subset: the folder's own entries first, then the tracks that failed, in name order.
        XCTAssertEqual(database.problems.count, 5)
        let problems = Array(database.problems[1...3]) + [database.problems[0], database.problems[4]]
        XCTAssertEqual(problems.map(\.track), [data.names[0], data.names[1], data.names[2], "up", "loop"])
        XCTAssertEqual(problems.map(\.subset), [.train, .train, .train, .train, .test])
        XCTAssertEqual(
            problems.map(\.url),
            [
                empty, text, missing, data.root.appendingPathComponent("train/up"),
                data.root.appendingPathComponent("test/loop")
            ])
        XCTAssertEqual(problems[0].reason, "the file is empty (0 bytes); re-copy or re-download it")
        XCTAssertTrue(problems[1].reason.hasPrefix("not an audio file libsndfile can read"), problems[1].reason)
        XCTAssertEqual(problems[2].reason, "missing mixture of track '\(data.names[2])'")
        XCTAssertEqual(
            problems[3].reason,
            "the folder links back to \(data.root.resolvingSymlinksInPath().path), which holds it (a symlink loop)")
        XCTAssertEqual(
            problems[4].description,
            "\(data.root.path)/test/loop: track 'loop' (test) cannot be indexed: "
                + "the folder links back to \(data.root.resolvingSymlinksInPath().path)/test, which holds it (a symlink loop)"
        )
        XCTAssertEqual(
            "\(problems[0])",
            "\(empty.path): track '\(data.names[0])' (train) cannot be indexed: the file is empty (0 bytes); re-copy or re-download it"
        )

        // A healthy track is found; a broken one throws its problem.
        XCTAssertEqual(try database.track(named: data.names[3]).name, data.names[3])
        XCTAssertThrowsError(try database.track(named: data.names[0])) {
            XCTAssertEqual($0 as? TrackProblem, problems[0])
        }
        XCTAssertThrowsError(try database.track(named: "Nobody")) {
            XCTAssertEqual($0 as? MUSDBError, .unknownTrack("Nobody"))
        }
        // The split filter applies to problems too: the broken tracks are all training tracks.
        let test = try Database(root: data.root, subsets: [.test], isWav: true)
        XCTAssertEqual(test.problems.map(\.track), ["loop"])
        // Root-level errors still throw.
        XCTAssertThrowsError(try Database(root: data.root.appendingPathComponent("train/none"), isWav: true))
    }

    func testUnlistableSubsetFolderIsAProblem() throws {
        guard getuid() != 0 else { throw XCTSkip("skipped: root can list any folder") }
        let data = try BrokenDataset(self, trainTracks: 1, testTracks: 1)
        let train = data.root.appendingPathComponent("train")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: train.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: train.path) }
        let database = try Database(root: data.root, isWav: true)
        XCTAssertEqual(database.tracks.map(\.name), [data.names[1]])
        XCTAssertEqual(database.problems.count, 1)
        XCTAssertEqual(database.problems.first?.url, train)
        XCTAssertNil(database.problems.first?.track)
        XCTAssertTrue("\(database.problems[0])".hasPrefix("\(train.path): the train folder cannot be listed"))
    }

    /// Every stem fault is `invalidStem` naming the file, from `load` and (for header
    /// faults) from `validateHeaders`, never a trap in the sums.
    func testStemFaultsAreTypedErrors() throws {
        let data = try BrokenDataset(self, trainTracks: 5, testTracks: 0)
        try data.putNaN(0, "vocals", count: 3)
        try data.setChannels(1, "drums", to: 1)
        try data.resample(2, "bass", to: 48_000)
        try data.truncate(3, "other", to: 40_000)
        try data.setChannels(4, "vocals", to: 6)
        let tracks = try Database(root: data.root, isWav: true).tracks
        XCTAssertEqual(tracks.count, 5)
        let expected: [(Int, String, StemFault, Bool)] = [
            (0, "vocals", .nonFinite(count: 3), false),
            (1, "drums", .channelCount(found: 1, expected: 2), true),
            (2, "bass", .sampleRate(found: 48_000, expected: 44_100), true),
            (3, "other", .length(found: 40_000, expected: 44_100), true),
            (4, "vocals", .channelCount(found: 6, expected: 2), true)
        ]
        for (index, stem, fault, inHeader) in expected {
            let error = MUSDBError.invalidStem(
                track: data.names[index], stem: stem, url: data.file(index, stem), fault: fault)
            XCTAssertThrowsError(try tracks[index].load(tracks[index].targets)) {
                XCTAssertEqual($0 as? MUSDBError, error)
            }
            XCTAssertThrowsError(try tracks[index].audio(of: Source(rawValue: stem), frames: 0..<100)) {
                XCTAssertEqual($0 as? MUSDBError, error)
            }
            if inHeader {
                XCTAssertThrowsError(try tracks[index].validateHeaders()) { XCTAssertEqual($0 as? MUSDBError, error) }
            } else {
                XCTAssertNoThrow(try tracks[index].validateHeaders())
            }
        }
        XCTAssertEqual(
            "\(MUSDBError.invalidStem(track: "T", stem: "other", url: data.file(3, "other"), fault: expected[3].2))",
            "\(data.file(3, "other").path): the other stem of track 'T' has 40000 frames but the track's mixture has 44100 (truncated?)"
        )
        // Headers of a missing source.
        try FileManager.default.removeItem(at: data.file(0, "bass"))
        let again = try Database(root: data.root, isWav: true).tracks[0]
        XCTAssertThrowsError(try again.validateHeaders()) {
            XCTAssertEqual(
                $0 as? MUSDBError, .missingSource(track: data.names[0], source: "bass", url: data.file(0, "bass")))
        }
        XCTAssertNoThrow(try again.validateHeaders([.drums]))
    }

    /// One problem per fault, named with its file; healthy tracks still measured; a NaN
    /// stem or mixture never gives a NaN error; any problem means not clean.
    func testVerifierReportsEachFaultOnceAndGoesOn() throws {
        let data = try BrokenDataset(self, trainTracks: 6, testTracks: 1)
        try data.setChannels(0, "drums", to: 1)
        try data.resample(1, "bass", to: 48_000)
        try data.putNaN(2, "vocals", count: 2)
        try data.putNaN(3, "mixture", count: 1)
        try data.truncate(4, "other", to: 30_000)
        try Data().write(to: data.file(5, "mixture"))
        try data.link("test", "loop", to: ".")
        let manifest = try DatasetVerifier.manifest(for: data.root)
        let report = try DatasetVerifier(root: data.root, isWav: true, manifest: manifest).verify()

        let name = data.names
        XCTAssertEqual(report.tracks.map(\.name), Array(name))
        XCTAssertEqual(report.tracks[6].mixtureErrorDB, -.infinity) // the healthy test track
        XCTAssertTrue(report.tracks[0..<6].allSatisfy { $0.mixtureErrorDB == nil })
        XCTAssertFalse(report.isClean)
        let byTrack = { (track: String) in report.problems.filter { "\($0)".hasPrefix(track + ":") } }
        XCTAssertEqual(
            byTrack(name[0]),
            [
                .wrongChannelCount(
                    track: name[0], stem: "drums", found: 1, expected: 2,
                    path: data.file(0, "drums").path)
            ])
        XCTAssertEqual(byTrack(name[1]).count, 2) // the rate and the length it implies
        XCTAssertTrue(
            byTrack(name[1]).contains(
                .wrongRate(
                    track: name[1], stem: "bass", found: 48_000, expected: 44_100,
                    path: data.file(1, "bass").path)))
        XCTAssertEqual(
            byTrack(name[2]),
            [
                .invalidStem(
                    track: name[2], stem: "vocals", path: data.file(2, "vocals").path,
                    fault: .nonFinite(count: 2))
            ])
        XCTAssertEqual(
            "\(byTrack(name[2])[0])",
            "\(name[2]): vocals \(data.file(2, "vocals").path) holds 2 NaN or infinite samples")
        XCTAssertEqual(
            byTrack(name[3]),
            [
                .invalidStem(
                    track: name[3], stem: "mixture", path: data.file(3, "mixture").path,
                    fault: .nonFinite(count: 1))
            ])
        XCTAssertEqual(byTrack(name[4]).count, 1)
        XCTAssertTrue("\(byTrack(name[4])[0])".contains("other.wav has 30000 frames"), "\(byTrack(name[4]))")
        XCTAssertEqual(byTrack(name[5]).count, 1)
        XCTAssertTrue("\(byTrack(name[5])[0])".contains("mixture.wav: the file is empty"), "\(byTrack(name[5]))")
        XCTAssertTrue(
            report.problems.contains {
                if case .unindexable(let problem) = $0 { return problem.track == "loop" }; return false
            })
        XCTAssertFalse(
            report.problems.contains {
                "\($0)".lowercased().contains("nan dB") || "\($0)".contains("unreadable audio")
            },
            "\(report.problems)")
        XCTAssertEqual(report.problems.count, 8, "\(report.problems.map(\.description))")
    }
}
