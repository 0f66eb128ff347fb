import Audio
import Foundation
import SeededRandom
import XCTest

@testable import Augmentation

/// The writer's contract: same settings → same bytes whatever the jobs; resume keeps
/// complete examples and redoes missing or damaged ones; the manifest says where every
/// source came from; the output is never inside the dataset nor over foreign files.
final class AugmentedSetWriterTests: XCTestCase {
    private let rate = 16_000
    private let names = ["vocals", "drums", "bass", "other"]

    private func makeLoader() -> (InMemoryLoader, [TrackDescription]) {
        var random = SplitMix64(seed: 99)
        var tracks = [String: [String: [[Double]]]]()
        var descriptions = [TrackDescription]()
        for t in 0..<3 {
            let name = "Artist \(t) - Title"
            let frames = rate * 3 + t * 1000
            var sources = [String: [[Double]]]()
            for (s, source) in names.enumerated() {
                let frequency = 110.0 * Double(s + 1) * Double(t + 1)
                sources[source] = (0..<2).map { c in
                    (0..<frames).map {
                        0.3 * sin(2 * Double.pi * frequency * Double($0) / Double(rate) + Double(c))
                            + 0.05 * (random.nextUniform() - 0.5)
                    }
                }
            }
            tracks[name] = sources
            descriptions.append(TrackDescription(name: name, frameCount: frames, sampleRate: rate))
        }
        return (InMemoryLoader(tracks: tracks), descriptions)
    }

    private func makeWriter(_ output: URL, recipe: Recipe) throws -> AugmentedSetWriter {
        let (loader, tracks) = makeLoader()
        let planner = try ExamplePlanner(recipe: recipe, tracks: tracks)
        return AugmentedSetWriter(
            output: output, renderer: ExampleRenderer(planner: planner, loader: loader),
            settings: recipe.jsonData())
    }

    private var recipe: Recipe {
        var recipe = Recipe()
        recipe.duration = 0.5
        recipe.examplesPerTrack = 2
        recipe.repitchProbability = 0.5
        recipe.remix = .random
        recipe.seed = 2024
        return recipe
    }

    /// Every file under `folder` (relative path → bytes).
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var result = [String: Data]()
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
            }
        }
        return result
    }

    func testSameSeedGivesIdenticalBytesWithOneOrTwoJobs() throws {
        let folder = try TestDataFolder.make(self)
        let one = try makeWriter(folder.appendingPathComponent("one"), recipe: recipe)
        try one.prepare(datasetRoot: nil)
        let summary = try one.write(indices: Array(0..<6), jobs: 1) { _, _ in }
        XCTAssertEqual(summary, .init(written: 6, skipped: 0))
        let two = try makeWriter(folder.appendingPathComponent("two"), recipe: recipe)
        try two.prepare(datasetRoot: nil)
        _ = try two.write(indices: Array(0..<6), jobs: 2) { _, _ in }
        let a = try snapshot(one.output), b = try snapshot(two.output)
        XCTAssertEqual(a.count, 6 * 6 + 2) // 5 WAVs + example.json per example, manifest, settings
        XCTAssertEqual(a, b)
        XCTAssertFalse(FileManager.default.fileExists(atPath: one.output.appendingPathComponent(".partial").path))
        let manifest = try String(contentsOf: one.manifestFile, encoding: .utf8)
        XCTAssertEqual(manifest.split(separator: "\n").count, 6)
    }

    func testResumeRedoesOnlyMissingOrDamagedExamples() throws {
        let folder = try TestDataFolder.make(self)
        let output = folder.appendingPathComponent("out")
        let writer = try makeWriter(output, recipe: recipe)
        try writer.prepare(datasetRoot: nil)
        _ = try writer.write(indices: Array(0..<6), jobs: 2) { _, _ in }
        let before = try snapshot(output)
        let train = output.appendingPathComponent("train")
        try FileManager.default.removeItem(at: train.appendingPathComponent(ExamplePlan.id(index: 3)))
        try Data([1, 2, 3]).write(
            to: train.appendingPathComponent(ExamplePlan.id(index: 4)).appendingPathComponent("bass.wav"))
        let again = try makeWriter(output, recipe: recipe)
        try again.prepare(datasetRoot: nil)
        let summary = try again.write(indices: Array(0..<6), jobs: 2) { _, _ in }
        XCTAssertEqual(summary, .init(written: 2, skipped: 4))
        XCTAssertEqual(try snapshot(output), before)
        // --only-example rewrites one example with the same bytes.
        try again.writeExample(index: 1)
        try again.writeManifest()
        XCTAssertEqual(try snapshot(output), before)
    }

    func testManifestNamesTheTracksOffsetsAndGainsOfEverySource() throws {
        var recipe = self.recipe
        recipe.repitchProbability = 0
        recipe.format = .float
        let folder = try TestDataFolder.make(self)
        let writer = try makeWriter(folder.appendingPathComponent("out"), recipe: recipe)
        try writer.prepare(datasetRoot: nil)
        _ = try writer.write(indices: Array(0..<6), jobs: 2) { _, _ in }
        let (loader, _) = makeLoader()
        let lines = try String(contentsOf: writer.manifestFile, encoding: .utf8).split(separator: "\n")
        var tracksUsed = Set<String>()
        for line in lines {
            let record = try JSONDecoder().decode(ExampleRecord.self, from: Data(line.utf8))
            XCTAssertLessThanOrEqual(record.scale, 1)
            let peak = try AudioFile.read(writer.output.appendingPathComponent("train/\(record.plan.id)/mixture.wav"))
                .peak
            XCTAssertLessThanOrEqual(peak, 1)
            let folder = writer.output.appendingPathComponent("train").appendingPathComponent(record.plan.id)
            var sum = [[Double]](repeating: [Double](repeating: 0, count: record.plan.frameCount), count: 2)
            for draw in record.plan.sources {
                tracksUsed.insert(draw.track)
                let stored = try AudioFile.read(folder.appendingPathComponent("\(draw.source).wav"))
                var expected = try loader.load(
                    source: draw.source, track: draw.track,
                    frames: draw.offset..<(draw.offset + draw.frameCount))
                if draw.swap { expected.swapAt(0, 1) }
                for c in 0..<2 {
                    for i in 0..<record.plan.frameCount {
                        let value = (draw.flip ? -1 : 1) * expected[c][i] * draw.gain * record.scale
                        XCTAssertEqual(stored.channels[c][i], Double(Float(value)))
                        sum[c][i] += stored.channels[c][i]
                    }
                }
            }
            let mixture = try AudioFile.read(folder.appendingPathComponent("mixture.wav"))
            for c in 0..<2 {
                for i in 0..<sum[c].count { XCTAssertEqual(mixture.channels[c][i], Double(Float(sum[c][i]))) }
            }
        }
        XCTAssertGreaterThan(tracksUsed.count, 1)
    }

    func testRefusesTheDatasetRootAndForeignOrDifferentFolders() throws {
        let folder = try TestDataFolder.make(self)
        let inside = try makeWriter(folder.appendingPathComponent("dataset/augmented"), recipe: recipe)
        XCTAssertThrowsError(try inside.prepare(datasetRoot: folder.appendingPathComponent("dataset"))) {
            XCTAssertTrue("\($0)".contains("inside the dataset root"), "\($0)")
        }
        let foreign = folder.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try makeWriter(foreign, recipe: recipe).prepare(datasetRoot: nil)) {
            XCTAssertTrue("\($0)".contains("not empty"), "\($0)")
        }
        let earlier = folder.appendingPathComponent("earlier")
        try makeWriter(earlier, recipe: recipe).prepare(datasetRoot: nil)
        var other = recipe
        other.seed = 1
        XCTAssertThrowsError(try makeWriter(earlier, recipe: other).prepare(datasetRoot: nil)) {
            XCTAssertTrue("\($0)".contains("other settings"), "\($0)")
        }
        XCTAssertNoThrow(try makeWriter(earlier, recipe: recipe).prepare(datasetRoot: nil))
    }
}
