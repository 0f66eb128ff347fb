import SeededRandom
import XCTest

@testable import Augmentation

/// Gain, swap, sign flip, excerpt and encoding are exact; the planner is a pure function
/// of (recipe, tracks, index).
final class ExampleTransformTests: XCTestCase {
    private func makeExample(frames: Int = 1000) throws -> Example {
        var random = SplitMix64(seed: 1)
        let sources = (0..<4).map { _ in (0..<2).map { _ in (0..<frames).map { _ in random.nextUniform() - 0.5 } } }
        return try Example(sampleRate: 44_100, sourceNames: ["vocals", "drums", "bass", "other"], sources: sources)
    }

    func testGainSwapAndFlipAreExact() throws {
        let original = try makeExample()
        var example = original
        example.applyGain(0.75, toSource: 1)
        example.swapChannels(ofSource: 2)
        example.flipSign(ofSource: 3)
        XCTAssertEqual(example.sources[0], original.sources[0])
        XCTAssertEqual(example.sources[1][0], original.sources[1][0].map { $0 * 0.75 })
        XCTAssertEqual(example.sources[1][1], original.sources[1][1].map { $0 * 0.75 })
        XCTAssertEqual(example.sources[2][0], original.sources[2][1])
        XCTAssertEqual(example.sources[2][1], original.sources[2][0])
        XCTAssertEqual(example.sources[3][0], original.sources[3][0].map { -$0 })
        // Identity settings are bit-exact.
        var identity = original
        identity.applyGain(1, toSource: 0)
        XCTAssertEqual(identity, original)
        XCTAssertEqual(try original.repitched(semitones: 0, rate: 1), original)
    }

    func testExcerptPadsPastTheEnd() throws {
        let example = try makeExample(frames: 100)
        let excerpt = example.excerpt(start: 90, count: 20)
        XCTAssertEqual(Array(excerpt.sources[0][0][0..<10]), Array(example.sources[0][0][90..<100]))
        XCTAssertEqual(Array(excerpt.sources[0][0][10..<20]), [Double](repeating: 0, count: 10))
    }

    func testIntegerEncodingMixtureIsTheSumOfStoredStems() throws {
        var example = try makeExample()
        for s in 0..<4 { example.applyGain(1.9, toSource: s) } // the sum would clip
        for format in [Recipe.Format.wav16, .wav24] {
            let encoded = EncodedExample(example, format: format)
            XCTAssertLessThan(encoded.scale, 1)
            let full = format == .wav16 ? 32_768.0 : 8_388_608.0
            for c in 0..<2 {
                for i in 0..<example.frameCount {
                    let stems = encoded.stems.map { $0[c][i] * full }
                    for q in stems { XCTAssertEqual(q, q.rounded()) }
                    XCTAssertEqual(encoded.mixture[c][i] * full, stems.reduce(0, +))
                    XCTAssertLessThanOrEqual(abs(encoded.mixture[c][i] * full), full - 1)
                }
            }
        }
        var quiet = try makeExample()
        for s in 0..<4 { quiet.applyGain(0.2, toSource: s) }
        XCTAssertEqual(EncodedExample(quiet, format: .wav16).scale, 1)
    }

    func testSplitMix64sAreFixedAndIndependentOfOrder() {
        var a = SplitMix64(seed: 42, stream: 7)
        let first = (0..<3).map { _ in a.next() }
        var b = SplitMix64(seed: 42, stream: 7)
        XCTAssertEqual((0..<3).map { _ in b.next() }, first)
        var c = SplitMix64(seed: 42, stream: 8)
        XCTAssertNotEqual(c.next(), first[0])
        // SplitMix64 reference value (seed 0, first output), as in the published algorithm.
        var reference = SplitMix64(seed: 0)
        XCTAssertEqual(reference.next(), 0xE220_A839_7B1D_CDAF)
    }

    private let tracks = (0..<6).map {
        TrackDescription(name: "Artist \($0) - Song", frameCount: 44_100 * (20 + $0), sampleRate: 44_100)
    }

    func testPlansAreReproducibleAndFollowTheRecipe() throws {
        var recipe = Recipe()
        recipe.repitchProbability = 0.5
        let planner = try ExamplePlanner(recipe: recipe, tracks: tracks)
        XCTAssertEqual(planner.exampleCount, 24)
        let plans = (0..<planner.exampleCount).map { planner.plan(index: $0) }
        XCTAssertEqual(plans.reversed().map { planner.plan(index: $0.index) }, plans.reversed())
        var repitched = 0
        for plan in plans {
            XCTAssertEqual(plan.frameCount, 6 * 44_100)
            // No remix: every source from the example's own track, at one offset.
            XCTAssertEqual(Set(plan.sources.map(\.track)), [tracks[plan.index / 4].name])
            XCTAssertEqual(Set(plan.sources.map(\.offset)).count, 1)
            for draw in plan.sources {
                XCTAssertTrue((0.25...1.25).contains(draw.gain))
                XCTAssertFalse(draw.flip)
                XCTAssertLessThanOrEqual(draw.offset + draw.frameCount, tracks[plan.index / 4].frameCount)
                XCTAssertEqual(draw.frameCount, Int((6 * plan.rate * 44_100).rounded()))
            }
            XCTAssertEqual(plan.semitones, plan.semitones.rounded())
            XCTAssertLessThanOrEqual(abs(plan.semitones), 2)
            XCTAssertLessThanOrEqual(abs(plan.rate - 1), 0.12 + 1e-12)
            if plan.semitones != 0 || plan.rate != 1 { repitched += 1 }
        }
        XCTAssertGreaterThan(repitched, 4)
        XCTAssertLessThan(repitched, 20)
        let swaps = plans.flatMap(\.sources).filter(\.swap).count
        XCTAssertGreaterThan(swaps, 20)
        XCTAssertLessThan(swaps, 76)
    }

    func testRandomRemixDrawsEachSourceFromItsOwnTrack() throws {
        var recipe = Recipe()
        recipe.remix = .random
        let planner = try ExamplePlanner(recipe: recipe, tracks: tracks)
        let plans = (0..<planner.exampleCount).map { planner.plan(index: $0) }
        let mixed = plans.filter { Set($0.sources.map(\.track)).count > 1 }.count
        XCTAssertGreaterThan(mixed, plans.count / 2)
    }

    func testShuffleRemixPermutesWithinGroups() throws {
        var recipe = Recipe()
        recipe.remix = .shuffle
        recipe.repitchProbability = 0
        let planner = try ExamplePlanner(recipe: recipe, tracks: tracks)
        for group in 0..<(planner.exampleCount / 4) {
            let plans = (0..<4).map { planner.plan(index: group * 4 + $0) }
            for s in 0..<4 {
                // Each source of the group's examples uses every member excerpt exactly once.
                let used = plans.map { "\($0.sources[s].track)@\($0.sources[s].offset)" }
                let first = plans.map { "\($0.sources[0].track)@\($0.sources[0].offset)" }
                XCTAssertEqual(used.sorted(), first.sorted())
            }
            let members = Set(plans.flatMap { $0.sources.map { "\($0.track)@\($0.offset)" } })
            XCTAssertLessThanOrEqual(members.count, 4)
        }
    }

    func testRecipeJSONDefaultsAndErrors() throws {
        let folder = try TestDataFolder.make(self)
        let url = folder.appendingPathComponent("recipe.json")
        try Data(#"{"gainMin": 0.5, "remix": "random", "seed": 7}"#.utf8).write(to: url)
        let recipe = try Recipe.load(from: url)
        XCTAssertEqual(recipe.gainMin, 0.5)
        XCTAssertEqual(recipe.gainMax, 1.25)
        XCTAssertEqual(recipe.remix, .random)
        XCTAssertEqual(recipe.seed, 7)
        XCTAssertEqual(try JSONDecoder().decode(Recipe.self, from: recipe.jsonData()), recipe)
        try Data(#"{"gainMin": "loud"}"#.utf8).write(to: url)
        XCTAssertThrowsError(try Recipe.load(from: url)) { error in
            XCTAssertTrue("\(error)".contains("gainMin"), "\(error)")
            XCTAssertTrue("\(error)".contains("recipe.json"), "\(error)")
        }
        var bad = Recipe()
        bad.swapProbability = 2
        XCTAssertThrowsError(try bad.validate()) { XCTAssertTrue("\($0)".contains("swapProbability")) }
    }
}
