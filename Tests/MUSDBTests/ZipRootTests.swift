import Archive
import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

/// MUSDB18 roots that are zip archives: the samples read from a zip (deflated or stored,
/// at the top or in one wrapping folder) are the folder's, excerpts included, and damaged
/// archives give typed errors naming `archive.zip:member`.
final class ZipRootTests: XCTestCase {
    /// A small synthetic HQ dataset (2 train, 1 test track, 3 s) in a folder, and zips of it.
    private func hqDataset() throws -> (folder: URL, deflated: URL, stored: URL) {
        let base = try TestData.temporaryDirectory(self)
        let folder = base.appendingPathComponent("hq")
        try SampleDataset(trainTrackCount: 2, testTrackCount: 1, seconds: 3).write(to: folder)
        let deflated = base.appendingPathComponent("musdb18hq.zip")
        let stored = base.appendingPathComponent("stored.zip")
        try TestZip.make(from: folder, to: deflated, deflated: true)
        try TestZip.make(from: folder, to: stored, deflated: false, wrapper: "musdb18hq/")
        return (folder, deflated, stored)
    }

    private func assertSameTracks(
        _ folder: Database, _ archived: Database, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertEqual(archived.problems, [], file: file, line: line)
        XCTAssertEqual(archived.tracks.map(\.name), folder.tracks.map(\.name), file: file, line: line)
        for (expected, track) in zip(folder.tracks, archived.tracks) {
            XCTAssertEqual(track.frameCount, expected.frameCount, file: file, line: line)
            XCTAssertEqual(track.duration, expected.duration, file: file, line: line)
            XCTAssertEqual(track.sources, expected.sources, file: file, line: line)
            XCTAssertEqual(try track.audio(), try expected.audio(), file: file, line: line)
            XCTAssertEqual(try track.load(track.targets), try expected.load(expected.targets), file: file, line: line)
        }
    }

    func testHQZipsGiveTheFolderSamples() throws {
        let (folder, deflated, stored) = try hqDataset()
        let reference = try Database(root: folder, isWav: true)
        XCTAssertEqual(reference.tracks.count, 3)
        for archive in [deflated, stored] {
            let database = try Database(root: archive, isWav: true)
            guard case .zip = database.storage else { return XCTFail("\(archive.path) not read as a zip") }
            try assertSameTracks(reference, database)
            let track = database.tracks[0]
            XCTAssertTrue(track.path.path.hasPrefix(archive.path + ":"), track.path.path)
            XCTAssertTrue(track.path.path.hasSuffix("train/\(track.name)/mixture.wav"), track.path.path)
        }
    }

    func testExcerptsFromZipsAreTheFolderExcerpts() throws {
        let (folder, deflated, stored) = try hqDataset()
        let reference = try Database(root: folder, isWav: true).tracks[1]
        for archive in [deflated, stored] {
            var track = try Database(root: archive, isWav: true).tracks[1]
            XCTAssertEqual(
                try track.audio(of: .vocals, frames: 44_100..<88_200),
                try reference.audio(of: .vocals, frames: 44_100..<88_200))
            var chunked = reference
            chunked.chunkStart = 1.25
            chunked.chunkDuration = 1
            track.chunkStart = 1.25
            track.chunkDuration = 1
            XCTAssertEqual(try track.audio(), try chunked.audio())
            XCTAssertEqual(try track.load([.accompaniment]), try chunked.load([.accompaniment]))
        }
    }

    /// An excerpt inflates the member up to its end, not the rest; reading back restarts.
    func testAnExcerptInflatesOnlyUpToItsEnd() throws {
        let (_, deflated, _) = try hqDataset()
        let archive = try ZipArchive(url: deflated)
        let path = try XCTUnwrap(archive.members.first { $0.path.hasSuffix("/vocals.wav") }).path
        let stream = try archive.stream(path)
        let size = Int(stream.member.size)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = try buffer.withUnsafeMutableBytes { try stream.read(into: $0, at: size / 4) }
        XCTAssertEqual(got, 4096)
        XCTAssertLessThan(stream.producedBytes, UInt64(size / 4 + 4096 + 5 * (1 << 16)))
        XCTAssertEqual(try buffer.withUnsafeMutableBytes { try stream.read(into: $0, at: size) }, 0)
        XCTAssertLessThan(stream.producedBytes, UInt64(size))
        _ = try buffer.withUnsafeMutableBytes { try stream.read(into: $0, at: 0) }
        XCTAssertEqual(stream.restarts, 1)
        try stream.verifyToEnd()
    }

    func testAFlippedByteInAStoredMemberIsACRCMismatch() throws {
        let (folder, _, stored) = try hqDataset()
        let name = try XCTUnwrap(try Database(root: folder, isWav: true).tracks.first).name
        let file = folder.appendingPathComponent("train/\(name)/bass.wav")
        XCTAssertTrue(try TestZip.corruptStoredCopy(of: file, at: 100_000, in: stored))
        let track = try Database(root: stored, isWav: true).track(named: name)
        let member = "musdb18hq/train/\(name)/bass.wav"
        XCTAssertThrowsError(try track.audio(of: .bass)) { error in
            guard case let ArchiveError.checksumMismatch(archive, found, _, _)? = error as? ArchiveError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(archive, stored)
            XCTAssertEqual(found, member)
            XCTAssertTrue("\(error)".contains("\(stored.path):\(member)"), "\(error)")
        }
        XCTAssertThrowsError(try track.load([.accompaniment])) { XCTAssertTrue($0 is ArchiveError, "\($0)") }
        // The other stems are intact.
        XCTAssertNoThrow(try track.audio(of: .vocals))
    }

    func testDamagedArchivesAreTypedErrors() throws {
        let (_, deflated, _) = try hqDataset()
        let base = deflated.deletingLastPathComponent()
        let bytes = try Data(contentsOf: deflated)
        let truncated = base.appendingPathComponent("truncated.zip")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let text = base.appendingPathComponent("notes.zip")
        try Data("not a zip".utf8).write(to: text)
        for url in [truncated, text] {
            XCTAssertThrowsError(try Database(root: url, isWav: true)) { error in
                guard case ArchiveError.notAnArchive(url, _)? = error as? ArchiveError else {
                    return XCTFail("\(error)")
                }
                XCTAssertTrue("\(error)".hasPrefix(url.path + ": "), "\(error)")
            }
        }
        // A zip without train/ or test/ is not a dataset.
        let other = base.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: other.appendingPathComponent("readme.txt"))
        let unrelated = base.appendingPathComponent("unrelated.zip")
        try TestZip.make(from: other, to: unrelated, deflated: true)
        XCTAssertThrowsError(try Database(root: unrelated, isWav: true)) {
            XCTAssertEqual($0 as? MUSDBError, .notADatasetRoot(unrelated))
        }
    }

    func testVerifyReadsAZip() throws {
        let (_, deflated, stored) = try hqDataset()
        for archive in [deflated, stored] {
            let report = try DatasetVerifier(root: archive, isWav: true, manifest: .musdb18, presentOnly: true).verify()
            XCTAssertEqual(report.tracks.count, 3)
            // The synthetic names are not MUSDB18's: only "extra track" problems.
            XCTAssertTrue(
                report.problems.allSatisfy { if case .extraTrack = $0 { return true } else { return false } },
                "\(report.problems)")
        }
    }

    /// The shared MUSDB18 preview as a stems zip: the stems are piped to ffmpeg from the
    /// archive and decode to the file's samples.
    func testStemZipGivesTheFileSamples() throws {
        let root = try TestData.requireShared("musdb-sample")
        let base = try TestData.temporaryDirectory(self)
        let reference = try Database(root: root, subsets: [.train])
        guard let expected = reference.tracks.first else { throw XCTSkip("skipped: no stem file in \(root.path)") }
        for deflated in [false, true] {
            let archive = base.appendingPathComponent(deflated ? "deflated.zip" : "stored.zip")
            try TestZip.make(from: root, to: archive, deflated: deflated, only: { $0.hasPrefix("train/") })
            let database = try Database(root: archive, subsets: [.train])
            XCTAssertEqual(database.problems, [])
            let track = try database.track(named: expected.name)
            XCTAssertEqual(track.frameCount, expected.frameCount)
            XCTAssertEqual(track.path.path, "\(archive.path):train/\(expected.name).stem.mp4")
            XCTAssertEqual(try track.audio(of: .drums), try expected.audio(of: .drums))
            var chunk = track, chunkExpected = expected
            chunk.chunkStart = 2
            chunk.chunkDuration = 1.5
            chunkExpected.chunkStart = 2
            chunkExpected.chunkDuration = 1.5
            XCTAssertEqual(try chunk.load([.vocals, .accompaniment]), try chunkExpected.load([.vocals, .accompaniment]))
        }
    }

    func testMusdbListReadsAZip() throws {
        let (folder, deflated, stored) = try hqDataset()
        let listed = try CommandRun.musdb(["list", "--root", folder.path, "--is-wav"], in: folder)
        XCTAssertEqual(listed.status, 0, listed.err)
        for archive in [deflated, stored] {
            let run = try CommandRun.musdb(["list", "--root", archive.path, "--is-wav"], in: folder)
            XCTAssertEqual(run.status, 0, run.err)
            XCTAssertEqual(run.out, listed.out)
            let environment = try CommandRunner.run(
                "musdb", ["list", "--is-wav"], environment: ["MUSDB_PATH": archive.path])
            XCTAssertEqual(environment.status, 0, environment.stderr)
            XCTAssertEqual(environment.stdout, listed.out)
        }
    }

    func testMusdbLoadNamesTheDamagedMember() throws {
        let (folder, _, stored) = try hqDataset()
        let name = try XCTUnwrap(try Database(root: folder, isWav: true).tracks.last).name
        let file = folder.appendingPathComponent("test/\(name)/vocals.wav")
        XCTAssertTrue(try TestZip.corruptStoredCopy(of: file, at: 50_000, in: stored))
        let run = try CommandRun.musdb(["load", "--root", stored.path, "--is-wav"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.contains("\(stored.path):musdb18hq/test/\(name)/vocals.wav: CRC-32 mismatch"), run.err)
        XCTAssertTrue(run.out.contains("loaded 2 tracks"), run.out)
    }
}
