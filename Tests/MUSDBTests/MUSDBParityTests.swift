import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

/// Track lists, metadata and loaded audio equal what Python `musdb.DB(...)` returns.
final class MUSDBParityTests: XCTestCase {
    func testSharedSampleAsStems() throws {
        try checkRoot("shared-stems", root: TestData.requireShared("musdb-sample"))
    }

    func testSharedSampleAsHQ() throws {
        try checkRoot("shared-hq", root: TestData.requireShared("musdb-sample/hq"))
    }

    /// Our generator's output is byte-identical to what the golden script saw, and Python
    /// musdb reads it as we do.
    func testSyntheticSample() throws {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("sample")
        try SampleDataset().write(to: root)
        let golden = try ParityGoldens.load().roots["synthetic"]!
        let expected = try XCTUnwrap(golden.fileSHA256)
        var found = [String: String]()
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        while let relative = enumerator.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            if Database.isFolder(url) { continue }
            found[relative] = SHA256.hexDigest(try Data(contentsOf: url))
        }
        XCTAssertEqual(found, expected, "musdb sample output is not byte-identical to the golden run")
        try checkRoot("synthetic", root: root)
    }

    private func checkRoot(_ key: String, root: URL) throws {
        let golden = try XCTUnwrap(try ParityGoldens.load().roots[key])
        let isWav = golden.isWav
        let variants: [(String, [Subset], Split?)] = [
            ("all", [.train, .test], nil), ("train", [.train], nil),
            ("test", [.test], nil), ("train-train", [.train], .train),
            ("train-valid", [.train], .valid)
        ]
        for (label, subsets, split) in variants {
            let names = try Database(root: root, subsets: subsets, split: split, isWav: isWav).tracks.map(\.name)
            XCTAssertEqual(names, golden.listings[label], "\(key) listing \(label)")
        }
        let database = try Database(root: root, isWav: isWav)
        XCTAssertEqual(database.tracks.count, golden.tracks.count)
        for (track, expected) in zip(database.tracks, golden.tracks) {
            let label = "\(key)/\(track.name)"
            XCTAssertEqual(track.name, expected.name)
            XCTAssertEqual(track.artist, expected.artist, label)
            XCTAssertEqual(track.title, expected.title, label)
            XCTAssertEqual(track.subset.rawValue, expected.subset, label)
            XCTAssertEqual(track.rate, expected.rate, label)
            XCTAssertEqual(track.frameCount, expected.samples, label)
            XCTAssertEqual(track.duration, expected.duration, label)
            assertMatches(try track.audio(), expected.mixture, "\(label) mixture")
            let targets = try track.load(track.targets)
            XCTAssertEqual(Set(targets.keys), Set(expected.targets.keys), label)
            for (name, digest) in expected.targets {
                assertMatches(try XCTUnwrap(targets[name]), digest, "\(label) target \(name)")
            }
            for chunk in expected.chunks ?? [] {
                var chunked = track
                chunked.chunkStart = chunk.start
                chunked.chunkDuration = chunk.duration
                let length: String = chunk.duration.map { "\($0)" } ?? "rest"
                let chunkLabel = "\(label) chunk \(chunk.start)+\(length)"
                assertMatches(try chunked.audio(), chunk.mixture, chunkLabel + " mixture")
                assertMatches(try chunked.audio(of: .vocals), chunk.vocals, chunkLabel + " vocals")
            }
        }
    }
}
