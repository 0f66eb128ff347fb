import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import Augmentation

/// End to end on a synthetic MUSDB18-HQ dataset: the recipe fixture drives the writer,
/// and the MUSDB module reads the result back as a dataset whose mixtures are exactly the
/// sums of the stored stems.
final class MUSDBRoundTripTests: XCTestCase {
    func testAugmentedSetReadsBackAsMUSDB18HQ() throws {
        let folder = try TestData.temporaryDirectory(self)
        let root = folder.appendingPathComponent("dataset")
        try SampleDataset(trainTrackCount: 2, testTrackCount: 0, seconds: 4, seed: 5, sampleRate: 44_100).write(
            to: root)
        let database = try Database(root: root, subsets: [.train], isWav: true)
        let loader = MUSDBSourceLoader(database: database)
        let recipe = try Recipe.load(from: TestData.fixtures.appendingPathComponent("augment/recipe.json"))
        XCTAssertEqual(recipe.remix, .shuffle)
        let planner = try ExamplePlanner(recipe: recipe, tracks: loader.descriptions)
        let output = folder.appendingPathComponent("augmented")
        let writer = AugmentedSetWriter(
            output: output, renderer: ExampleRenderer(planner: planner, loader: loader),
            settings: recipe.jsonData())
        try writer.prepare(datasetRoot: root)
        XCTAssertEqual(try writer.write(indices: Array(0..<4), jobs: 2) { _, _ in }, .init(written: 4, skipped: 0))

        let augmented = try Database(root: output, subsets: [.train], isWav: true)
        XCTAssertEqual(augmented.tracks.map(\.name), (0..<4).map { ExamplePlan.id(index: $0) })
        for track in augmented.tracks {
            XCTAssertEqual(track.frameCount, 66_150)
            let mixture = try track.audio()
            let stems = try Source.allCases.map { try track.audio(of: $0) }
            for c in 0..<2 {
                for i in stride(from: 0, to: mixture.frameCount, by: 7) {
                    let sum = stems.reduce(0) { $0 + Int(($1.channels[c][i] * 32_768).rounded()) }
                    XCTAssertEqual(Int((mixture.channels[c][i] * 32_768).rounded()), sum)
                }
            }
        }
        let records = try String(contentsOf: writer.manifestFile, encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(ExampleRecord.self, from: Data($0.utf8)) }
        XCTAssertEqual(records.count, 4)
        XCTAssertTrue(records.allSatisfy { $0.plan.semitones != 0 || $0.plan.rate != 1 })
        // Shuffle in groups of 2: each source of examples 0 and 1 uses both members once.
        for s in 0..<4 {
            let pair = [records[0].plan.sources[s], records[1].plan.sources[s]].map { "\($0.track)@\($0.offset)" }
            let members = [records[0].plan.sources[0], records[1].plan.sources[0]].map { "\($0.track)@\($0.offset)" }
            XCTAssertEqual(Set(pair), Set(members))
        }
        // A folder inside the dataset root is refused.
        let inside = AugmentedSetWriter(
            output: root.appendingPathComponent("aug"), renderer: writer.renderer, settings: Data())
        XCTAssertThrowsError(try inside.prepare(datasetRoot: root))
    }
}
