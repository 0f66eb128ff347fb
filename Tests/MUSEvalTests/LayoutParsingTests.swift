import XCTest

@testable import MUSEval

/// `--layout`'s value in the library: a preset name or a pattern, and why anything else is not.
final class LayoutParsingTests: XCTestCase {
    func testPresetsByNameAndAlias() throws {
        XCTAssertEqual(try EstimateLayout(parsing: "demucs"), LayoutPreset.demucs.layout)
        XCTAssertEqual(try EstimateLayout(parsing: "UMX"), LayoutPreset.openUnmix.layout)
        XCTAssertEqual(try EstimateLayout(parsing: "track_folders"), LayoutPreset.trackFolders.layout)
    }

    func testPatterns() throws {
        XCTAssertEqual(try EstimateLayout(parsing: "{track}/{target}.flac").pattern, "{track}/{target}.flac")
        XCTAssertEqual(try EstimateLayout(parsing: "{subset}/{track}/{target}"), LayoutPreset.museval.layout)
    }

    func testNeitherAPresetNorAPatternSaysWhy() {
        XCTAssertThrowsError(try EstimateLayout(parsing: "spleeter2")) { error in
            XCTAssertEqual(
                error as? EvaluationError,
                .invalidLayout("spleeter2", reason: "it is neither a preset nor a pattern with {track} and {target}"))
            XCTAssertTrue("\(error)".contains("Presets: museval, demucs"), "\(error)")
        }
        XCTAssertThrowsError(try EstimateLayout(parsing: "{track}")) { error in
            XCTAssertTrue("\(error)".contains("{target}"), "\(error)")
        }
    }
}
