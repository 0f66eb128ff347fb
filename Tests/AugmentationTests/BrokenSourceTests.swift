import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import Audio
@testable import Augmentation

/// Stems that fail validation while an augmented set is written, and recipe values that
/// would overflow frame counts: typed errors naming the file or the setting, never a trap,
/// never a partial example.
final class BrokenSourceTests: XCTestCase {
    private func makeDataset(tracks: Int) throws -> (URL, Database) {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("dataset")
        try SampleDataset(trainTrackCount: tracks, testTrackCount: 0, seconds: 2).write(to: root)
        return (root, try Database(root: root, subsets: [.train], isWav: true))
    }

    /// The file rewritten as a float WAV whose first `count` samples of the second channel
    /// are NaN (`NonFiniteWAV`; `AudioFile.write` refuses NaN).
    private func writeNaN(into url: URL, count: Int) throws {
        var buffer = try AudioFile.read(url)
        for i in 0..<count { buffer.channels[1][i] = .nan }
        try NonFiniteWAV.write(buffer, to: url)
    }

    func testNaNStemFailsOnlyItsExamples() throws {
        let (root, database) = try makeDataset(tracks: 3)
        let broken = database.tracks[1]
        let drums = try XCTUnwrap(broken.sourceURLs[.drums])
        try writeNaN(into: drums, count: 7)
        var recipe = Recipe()
        recipe.duration = nil // whole tracks: every example reads the NaN samples
        recipe.examplesPerTrack = 2
        recipe.repitchProbability = 0
        let loader = MUSDBSourceLoader(database: database)
        let planner = try ExamplePlanner(recipe: recipe, tracks: loader.descriptions)
        let output = root.deletingLastPathComponent().appendingPathComponent("augmented")
        let writer = AugmentedSetWriter(
            output: output, renderer: ExampleRenderer(planner: planner, loader: loader),
            settings: recipe.jsonData())
        try writer.prepare(datasetRoot: root)
        let summary = try writer.write(indices: Array(0..<6), jobs: 2) { _, _ in }
        XCTAssertEqual(summary.written, 4)
        XCTAssertEqual(summary.failures.map(\.index), [2, 3])
        let message = "\(drums.path): the drums stem of track '\(broken.name)' holds 7 NaN or infinite samples"
        XCTAssertEqual(summary.failures.map(\.message), [message, message])
        XCTAssertEqual("\(summary.failures[0])", "Augmented - 000002: " + message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent(".partial").path))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("train").path).sorted(),
            [0, 1, 4, 5].map { ExamplePlan.id(index: $0) })
        let lines = try String(contentsOf: writer.manifestFile, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertFalse(lines.contains { $0.contains(broken.name) })
    }

    func testHeaderFaultsAreStemFaultsNotFrameRanges() throws {
        let (_, database) = try makeDataset(tracks: 1)
        let track = database.tracks[0]
        let bass = try XCTUnwrap(track.sourceURLs[.bass])
        try AudioFile.write(try AudioFile.read(bass).resampled(to: 48_000), to: bass, format: .wav16)
        let expected = MUSDBError.invalidStem(
            track: track.name, stem: "bass", url: bass,
            fault: .sampleRate(found: 48_000, expected: 44_100))
        XCTAssertThrowsError(try track.validateHeaders([.vocals, .bass])) {
            XCTAssertEqual($0 as? MUSDBError, expected)
        }
        XCTAssertNoThrow(try track.validateHeaders([.vocals, .drums]))
        let loader = MUSDBSourceLoader(database: database)
        for frames in [0..<track.frameCount, 80_000..<100_000] {
            XCTAssertThrowsError(try loader.load(source: "bass", track: track.name, frames: frames)) { error in
                XCTAssertEqual(error as? MUSDBError, expected)
                XCTAssertTrue("\(error)".hasSuffix("is at 48000 Hz but the track's mixture is at 44100 Hz"), "\(error)")
            }
        }
        // Excerpts past either end are zero-padded, not a trap.
        let padded = try loader.load(
            source: "vocals", track: track.name, frames: (track.frameCount + 10)..<(track.frameCount + 20))
        XCTAssertEqual(padded, [[Double](repeating: 0, count: 10), [Double](repeating: 0, count: 10)])
    }

    func testRecipeValuesThatWouldOverflowAreRefused() throws {
        let edits: [(String, (inout Recipe) -> Void)] = [
            ("duration", { $0.duration = 1e300 }), ("examplesPerTrack", { $0.examplesPerTrack = .max }),
            ("tempo", { $0.tempoStdPercent = .infinity }), ("remixGroupSize", { $0.remixGroupSize = .max }),
            ("gain", { $0.gainMin = .nan })
        ]
        let cases = edits.map { setting, edit -> (Recipe, String) in
            var recipe = Recipe()
            edit(&recipe)
            return (recipe, setting)
        }
        for (recipe, setting) in cases {
            XCTAssertThrowsError(
                try ExamplePlanner(
                    recipe: recipe, tracks: [TrackDescription(name: "a", frameCount: 10, sampleRate: 8000)])
            ) {
                guard case AugmentationError.invalidParameter(let message) = $0 else { return XCTFail("\($0)") }
                XCTAssertTrue(message.contains(setting), message)
            }
        }
        // The same from a recipe file.
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("recipe.json")
        try Data(#"{"duration": 1e300}"#.utf8).write(to: url)
        XCTAssertThrowsError(try Recipe.load(from: url).validate()) {
            XCTAssertTrue("\($0)".contains("duration"), "\($0)")
        }
    }
}
