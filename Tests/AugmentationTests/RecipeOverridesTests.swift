import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import Augmentation

/// What `musdb augment` assembles from its flags, in the library: a recipe with overrides,
/// the MUSDB source names, the tracks usable for a set, and the settings file.
final class RecipeOverridesTests: XCTestCase {
    func testOverridesReplaceOnlyWhatTheyGive() {
        let base = Recipe()
        XCTAssertEqual(base.applying(Recipe.Overrides()), base)
        var overrides = Recipe.Overrides()
        overrides.gainMin = 0.5
        overrides.remix = .shuffle
        overrides.format = .flac
        overrides.sources = ["vocals", "bass"]
        overrides.tempoStdPercent = 3
        let recipe = base.applying(overrides)
        XCTAssertEqual(recipe.gainMin, 0.5)
        XCTAssertEqual(recipe.remix, .shuffle)
        XCTAssertEqual(recipe.format, .flac)
        XCTAssertEqual(recipe.sources, ["vocals", "bass"])
        XCTAssertEqual(recipe.tempoStdPercent, 3)
        XCTAssertEqual(recipe.gainMax, base.gainMax)
        XCTAssertEqual(recipe.seed, base.seed)
        XCTAssertEqual(recipe.duration, base.duration)
    }

    func testADurationOfZeroTakesWholeTracks() {
        var overrides = Recipe.Overrides()
        overrides.duration = 0
        XCTAssertNil(Recipe().applying(overrides).duration)
        overrides.duration = 2.5
        XCTAssertEqual(Recipe().applying(overrides).duration, 2.5)
    }

    func testSourceNamesAreMUSDBSources() throws {
        XCTAssertEqual(try MUSDBSourceLoader.sources(named: ["drums", "vocals"]), [.drums, .vocals])
        XCTAssertThrowsError(try MUSDBSourceLoader.sources(named: ["vocals", "piano"])) { error in
            XCTAssertEqual(
                "\(error)", "invalid augmentation parameter: unknown source 'piano': use vocals, drums, bass, other")
        }
    }

    func testUsableTracksLeaveOutABadTrackWithAMessage() throws {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("data")
        try SampleDataset(trainTrackCount: 3, testTrackCount: 0, seconds: 1).write(to: root)
        let database = try Database(root: root, subsets: [.train], isWav: true)
        let bass = try XCTUnwrap(database.tracks[1].sourceURLs[.bass])
        try AudioFile.write(AudioFile.read(bass).resampled(to: 48_000), to: bass, format: .wav16)
        let (tracks, leftOut) = try MUSDBSourceLoader.usableTracks(of: database, sources: [.vocals, .bass])
        XCTAssertEqual(tracks.map(\.name), [database.tracks[0].name, database.tracks[2].name])
        XCTAssertEqual(leftOut.count, 1)
        XCTAssertTrue(
            leftOut[0].contains(bass.path) && leftOut[0].hasSuffix("; track left out of the augmented set"), leftOut[0])
        // Without the bass, the same track is usable.
        XCTAssertEqual(try MUSDBSourceLoader.usableTracks(of: database, sources: [.vocals]).tracks.count, 3)
    }

    func testSettingsAreStableJSON() throws {
        let settings = AugmentSettings(
            recipe: Recipe(), subsets: ["train"], split: "valid", isWav: true, tracks: ["A - B"])
        XCTAssertEqual(settings.jsonData(), settings.jsonData())
        XCTAssertEqual(try JSONDecoder().decode(AugmentSettings.self, from: settings.jsonData()), settings)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: settings.jsonData()) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["recipe", "subsets", "split", "isWav", "tracks"])
    }
}
