import Foundation
import TestSupport
import XCTest

@testable import Augmentation

/// A manifest is a promise: the same seed and recipe must draw the same examples in every
/// later version. This pins the draws (and so the random stream and the draw order) to a
/// committed golden made by this code; regenerate it deliberately with
/// `AUGMENT_UPDATE_GOLDENS=1 swift test --filter PlanGoldenTests` and say so in the
/// release notes, since it changes every set users made.
final class PlanGoldenTests: XCTestCase {
    func testDrawsMatchTheCommittedGolden() throws {
        let tracks = (0..<5).map {
            TrackDescription(name: "Artist \($0) - Title", frameCount: 44_100 * (30 + 7 * $0), sampleRate: 44_100)
        }
        var plans = [ExamplePlan]()
        for remix in Recipe.Remix.allCases {
            var recipe = Recipe()
            recipe.seed = 1234
            recipe.remix = remix
            recipe.examplesPerTrack = 2
            recipe.repitchProbability = 0.5
            recipe.signFlipProbability = 0.3
            let planner = try ExamplePlanner(recipe: recipe, tracks: tracks)
            plans += (0..<planner.exampleCount).map { planner.plan(index: $0) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(plans)
        let golden = TestData.fixtures.appendingPathComponent("augment/plans-golden.json")
        if ProcessInfo.processInfo.environment["AUGMENT_UPDATE_GOLDENS"] == "1" {
            try data.write(to: golden)
        }
        let expected = try JSONDecoder().decode([ExamplePlan].self, from: Data(contentsOf: golden))
        XCTAssertEqual(plans.count, expected.count)
        for (plan, reference) in zip(plans, expected) { XCTAssertEqual(plan, reference, "example \(plan.index)") }
    }
}
