import Archive
import Audio
import Augmentation
import Foundation
import MUSDB
import MUSEval
import TestSupport
import XCTest

@testable import ScoreFiles

/// Every reader of untrusted bytes on mutated valid inputs: each input parses or throws the
/// reader's typed error; a trap fails the run (see `FuzzHarness`).
final class ReaderFuzzTests: XCTestCase {
    private func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestData.fixtures.appendingPathComponent(path)))
    }

    private func scoreSeeds() throws -> [[UInt8]] {
        let made = TrackScores(
            track: "a",
            targets: [
                TargetScores(
                    name: "vocals", sdr: [1.5, .nan, -0.0], sir: [1, .infinity, 3], sar: [4, 5, 6], isr: [7, 8, 9])
            ])
        return [
            Array(made.jsonString().utf8), try fixture("museval/aggregate/trackstore/edges.json"),
            try fixture("museval/aggregate/trackstore/hop.json")
        ]
    }

    func testLenientJSONReader() throws {
        let seeds =
            try scoreSeeds() + [Array(#"{"a": [1, -0, NaN, "\u00e9\ud83d\ude00", {"b": null}], "c": true}"#.utf8)]
        FuzzHarness.run(
            "lenient-json", seeds: seeds, isExpected: { $0 is JSONSyntaxError },
            read: { bytes in
                _ = try JSONValue.parse(bytes)
            })
    }

    func testDeepNestingIsATypedErrorNotAStackOverflow() throws {
        for open in ["[", "{\"a\":"] {
            let bytes = Array(String(repeating: open, count: 200_000).utf8)
            XCTAssertThrowsError(try JSONValue.parse(bytes)) { error in
                XCTAssertTrue("\(error)".contains("nested deeper than \(LenientJSONReader.maximumDepth)"), "\(error)")
            }
            let member = Array(#"{"track": "a", "targets": [], "x": "#.utf8) + bytes
            XCTAssertThrowsError(try TrackScores(json: member, track: "deep")) {
                XCTAssertTrue($0 is ScoresFileError, "\($0)")
            }
        }
        let limit =
            String(repeating: "[", count: LenientJSONReader.maximumDepth)
            + String(repeating: "]", count: LenientJSONReader.maximumDepth)
        XCTAssertNoThrow(try JSONValue.parse(Array(limit.utf8)))
    }

    func testSpecialNumbers() throws {
        let value = try JSONValue.parse(Array("[1e999, -1e999, -0, NaN, Infinity, -Infinity, 1e-400]".utf8))
        guard case .array(let items) = value else { return XCTFail("\(value)") }
        let numbers = items.compactMap { item -> Double? in
            if case .number(let x) = item { return x } else { return nil }
        }
        XCTAssertEqual(numbers.count, 7)
        XCTAssertEqual(numbers[0], .infinity)
        XCTAssertEqual(numbers[1], -.infinity)
        XCTAssertEqual(numbers[2].sign, .minus)
        XCTAssertTrue(numbers[3].isNaN)
        XCTAssertEqual(numbers[5], -.infinity)
        XCTAssertEqual(numbers[6], 0)
    }

    func testTrackScores() throws {
        FuzzHarness.run(
            "track-scores", seeds: try scoreSeeds(), isExpected: { $0 is ScoresFileError },
            read: { bytes in
                _ = try TrackScores(json: bytes, track: "fuzz")
            })
    }

    func testEstimateLayoutPatterns() {
        let seeds =
            LayoutPreset.allCases.map { Array($0.pattern.utf8) } + [Array("{subset}/{track}/*_{target}.flac".utf8)]
        FuzzHarness.run(
            "layout", seeds: seeds, isExpected: { $0 is EvaluationError },
            read: { bytes in
                let layout = try EstimateLayout(pattern: String(decoding: bytes, as: UTF8.self))
                _ = layout.match("test/song/vocals.wav")
            })
    }

    func testTargetMaps() {
        let seeds = [Array("lead=vocals,backing=accompaniment".utf8), Array(" Voice = vocals , kick=drums".utf8)]
        FuzzHarness.run(
            "target-map", seeds: seeds, isExpected: { $0 is EvaluationError },
            read: { bytes in
                let aliases = try TargetAliases(parsing: String(decoding: bytes, as: UTF8.self))
                _ = aliases.target(for: "lead")
            })
    }

    func testRecipes() throws {
        let file = try TestData.temporaryDirectory(self).appendingPathComponent("recipe.json")
        let seeds = [try fixture("augment/recipe.json"), Array(Recipe().jsonData())]
        FuzzHarness.run(
            "recipe", seeds: seeds, isExpected: { $0 is AugmentationError },
            read: { bytes in
                try Data(bytes).write(to: file)
                try Recipe.load(from: file).validate()
            })
    }

    func testManifests() throws {
        let file = try TestData.temporaryDirectory(self).appendingPathComponent("manifest.json")
        let small = Manifest(
            name: "fuzz", sampleRate: 44_100, channelCount: 2, tracks: Array(Manifest.musdb18.tracks.prefix(2)))
        FuzzHarness.run(
            "manifest", seeds: [Array(try small.jsonData())], isExpected: { $0 is MUSDBError },
            read: { bytes in
                try Data(bytes).write(to: file)
                _ = try Manifest(contentsOf: file)
            })
    }
}

extension ReaderFuzzTests {
    /// A MUSDB18-HQ zip root (deflated and stored seeds of a tiny synthetic dataset): listing,
    /// indexing and loading every track either work or throw the archive's, dataset's or
    /// audio reader's typed error; every member read to its end is size- and CRC-checked.
    func testZipDatasetRoot() throws {
        let base = try TestData.temporaryDirectory(self)
        let folder = base.appendingPathComponent("hq")
        try SampleDataset(trainTrackCount: 1, testTrackCount: 1, seconds: 0.05).write(to: folder)
        var seeds = [[UInt8]]()
        for deflated in [true, false] {
            let url = base.appendingPathComponent(deflated ? "deflated.zip" : "stored.zip")
            try TestZip.make(from: folder, to: url, deflated: deflated)
            seeds.append(Array(try Data(contentsOf: url)))
        }
        let input = base.appendingPathComponent("input.zip")
        FuzzHarness.run(
            "zip-dataset", seeds: seeds,
            isExpected: { $0 is ArchiveError || $0 is MUSDBError || $0 is AudioError || $0 is TrackProblem },
            read: { bytes in
                try Data(bytes).write(to: input)
                let archive = try ZipArchive(url: input)
                for member in archive.members { try archive.stream(member.path).verifyToEnd() }
                let database = try Database(root: input, isWav: true)
                for track in database.tracks { _ = try track.load(track.targets) }
            })
    }
}
