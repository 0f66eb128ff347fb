import Foundation
import TestSupport
import XCTest

@testable import MUSEval

final class EvaluateLayoutTests: XCTestCase {
    func testPatternsMatchPathsAndCaptureTheirParts() throws {
        let museval = try EstimateLayout(pattern: "{subset}/{track}/{target}.wav")
        XCTAssertEqual(
            museval.match("test/A - B/vocals.wav"),
            .init(track: "A - B", targetName: "vocals", subset: "test", model: nil))
        XCTAssertEqual(museval.match("test/A - B/vocals.WAV")?.targetName, "vocals")
        XCTAssertNil(museval.match("test/A - B/vocals.flac"), "a fixed extension only matches itself")
        XCTAssertNil(museval.match("valid/A - B/vocals.wav"), "{subset} is train or test")
        XCTAssertNil(museval.match("test/A - B/x/vocals.wav"))

        let open = try EstimateLayout(pattern: "{track}/{target}")
        XCTAssertEqual(open.match("Song/drums.flac")?.targetName, "drums")
        XCTAssertNil(open.match("Song/notes.txt"), "an open extension must be an audio one")
        XCTAssertNil(open.match("Song/drums"))

        let uvr = LayoutPreset.uvr.layout
        XCTAssertEqual(
            uvr.match("1_Artist - Song_(Vocals).wav"),
            .init(track: "1_Artist - Song", targetName: "Vocals", subset: nil, model: nil))
        XCTAssertEqual(LayoutPreset.demucs.layout.match("htdemucs/Song/no_vocals.mp3")?.model, "htdemucs")
    }

    func testInvalidPatternsAreRejectedWithTheReason() {
        for (pattern, reason) in [
            ("{track}.wav", "{target}"), ("{track}/{target}/{track}", "twice"),
            ("{song}/{target}", "unknown placeholder"), ("/{track}/{target}", "relative"),
            ("{track}//{target}", "relative"), ("{track/{target}", "unknown placeholder")
        ] {
            XCTAssertThrowsError(try EstimateLayout(pattern: pattern), pattern) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(pattern): \(error)")
            }
        }
    }

    func testAliasesMapSeparatorNamesToMusevalTargets() throws {
        let aliases = TargetAliases.standard
        let expected = [
            "Vocals": "vocals", "VOCAL": "vocals", "voice": "vocals", "Instrumental": "accompaniment",
            "no_vocals": "accompaniment", "No Vocals": "accompaniment", "novocals": "accompaniment",
            "accompaniment": "accompaniment", "drum": "drums", "Drums": "drums", "bass": "bass",
            "others": "other", "rest": "other", "linear_mixture": "linear_mixture"
        ]
        for (name, target) in expected { XCTAssertEqual(aliases.target(for: name), target, name) }
        XCTAssertNil(aliases.target(for: "piano"))
        XCTAssertNil(aliases.target(for: "mixture"))

        let extended = try TargetAliases(parsing: "lead = vocals, Backing=no_vocals")
        XCTAssertEqual(extended.target(for: "Lead"), "vocals")
        XCTAssertEqual(extended.target(for: "backing"), "accompaniment", "the target side resolves through aliases")
        XCTAssertThrowsError(try TargetAliases(parsing: "lead")) { XCTAssertTrue("\($0)".contains("alias=target")) }
    }

    func testPresetNames() {
        XCTAssertEqual(LayoutPreset(name: "Demucs"), .demucs)
        XCTAssertEqual(LayoutPreset(name: "openunmix"), .openUnmix)
        XCTAssertEqual(LayoutPreset(name: "umx"), .openUnmix)
        XCTAssertEqual(LayoutPreset(name: "track_folders"), .trackFolders)
        XCTAssertNil(LayoutPreset(name: "nope"))
    }

    // MARK: Detection (file names only; empty files are enough)

    private func folder(with paths: [String]) throws -> URL {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("estimates")
        for path in paths {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: url.path, contents: Data())
        }
        return root
    }

    private func detected(_ paths: [String]) throws -> EstimateDiscovery {
        try EstimateDiscovery.discover(in: folder(with: paths))
    }

    func testDetectsTheMusevalLayout() throws {
        let discovery = try detected([
            "test/A/vocals.wav", "test/A/drums.wav", "train/B/vocals.wav", "train/B/drums.wav",
            "test/A.json"
        ])
        XCTAssertEqual(discovery.layout, LayoutPreset.museval.layout)
        XCTAssertTrue(discovery.explanation.contains("museval layout"), discovery.explanation)
        XCTAssertTrue(discovery.explanation.contains("4 estimate files of 2 tracks"), discovery.explanation)
        XCTAssertEqual(discovery.tracks.map(\.name), ["A", "B"])
        XCTAssertEqual(discovery.tracks[0].subset, "test")
        XCTAssertEqual(discovery.tracks[0].targets, ["vocals", "drums"])
    }

    func testDetectsDemucsAboveAndAtTheModelFolder() throws {
        let paths = ["htdemucs/A/vocals.wav", "htdemucs/A/drums.wav", "htdemucs/A/bass.wav", "htdemucs/A/other.wav"]
        let parent = try detected(paths)
        XCTAssertEqual(parent.layout, LayoutPreset.demucs.layout)
        XCTAssertTrue(parent.explanation.contains("model folder 'htdemucs'"), parent.explanation)
        XCTAssertEqual(parent.tracks.first?.targets, ["vocals", "drums", "bass", "other"])

        let model = try EstimateDiscovery.discover(in: folder(with: paths).appendingPathComponent("htdemucs"))
        XCTAssertEqual(model.layout, LayoutPreset.trackFolders.layout)
        XCTAssertTrue(model.explanation.contains("Demucs model folder"), model.explanation)

        XCTAssertThrowsError(try detected(paths + ["mdx_extra/A/vocals.wav"])) { error in
            XCTAssertEqual(
                error as? EvaluationError,
                .severalModels(
                    (error as! EvaluationError).folderForTest!, models: ["htdemucs", "mdx_extra"]))
            XCTAssertTrue("\(error)".contains("point at one model folder"), "\(error)")
        }
    }

    func testDemucsOnStemFilesNamesTheTrackWithoutStem() throws {
        // Demucs run on `A - B.stem.mp4` writes `<model>/A - B.stem/<target>.wav`.
        let discovery = try detected([
            "htdemucs/A - B.stem/vocals.wav", "htdemucs/A - B.stem/drums.wav", "htdemucs/C.stem/bass.wav"
        ])
        XCTAssertEqual(discovery.layout, LayoutPreset.demucs.layout)
        XCTAssertEqual(discovery.tracks.map(\.name), ["A - B", "C"])
        XCTAssertEqual(discovery.tracks[0].files["vocals"]?.deletingLastPathComponent().lastPathComponent, "A - B.stem")
        let folders = LayoutPreset.trackFolders.layout
        XCTAssertEqual(folders.match("A - B.stem/vocals.wav")?.track, "A - B")
        XCTAssertEqual(folders.match("A - B.STEM/vocals.wav")?.track, "A - B")
        XCTAssertEqual(folders.match(".stem/vocals.wav")?.track, ".stem", "nothing left to name the track")
        XCTAssertEqual(
            LayoutPreset.uvr.layout.match("A.stem_(Vocals).wav")?.track, "A.stem", "only a track folder is renamed")
    }

    func testDetectsSpleeterOpenUnmixAndUVR() throws {
        let spleeter = try detected(["A/vocals.wav", "A/accompaniment.wav", "B/vocals.wav", "B/accompaniment.wav"])
        XCTAssertEqual(spleeter.layout, LayoutPreset.trackFolders.layout)
        XCTAssertEqual(spleeter.tracks.map(\.targets), [["vocals", "accompaniment"], ["vocals", "accompaniment"]])

        let uvr = try detected(["A_(Vocals).wav", "A_(Instrumental).wav", "B_(Vocals).flac", "B_(Instrumental).flac"])
        XCTAssertEqual(uvr.layout, LayoutPreset.uvr.layout)
        XCTAssertTrue(uvr.explanation.contains("UVR"), uvr.explanation)
        XCTAssertEqual(uvr.tracks.map(\.name), ["A", "B"])
        XCTAssertEqual(uvr.tracks[1].files["accompaniment"]?.lastPathComponent, "B_(Instrumental).flac")
    }

    func testAmbiguousAndEmptyFoldersGiveActionableErrors() throws {
        XCTAssertThrowsError(try detected(["A/vocals.wav", "A/drums.wav", "B_(Vocals).wav"])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("several layouts") && text.contains("--layout"), text)
            XCTAssertTrue(text.contains("track-folders") && text.contains("uvr"), text)
        }
        XCTAssertThrowsError(try detected(["notes.txt", "A/piano.wav"])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("found no estimates") && text.contains("--layout"), text)
            XCTAssertTrue(text.contains("notes.txt"), text)
        }
    }

    func testUnknownTargetsAndConflictsAreKeptForTheReport() throws {
        let discovery = try detected(["A/vocals.wav", "A/drums.wav", "A/piano.wav", "A/Vocals.flac"])
        XCTAssertEqual(discovery.unknownTargets.map(\.name), ["piano"])
        XCTAssertEqual(discovery.tracks[0].conflicts["vocals"]?.count, 2)
        XCTAssertEqual(Array(discovery.tracks[0].files.keys), ["drums"])
    }

    func testAGivenLayoutIsUsedAsIs() throws {
        let root = try folder(with: ["A/lead.ogg", "A/backing.ogg", "A/lead.wav"])
        let discovery = try EstimateDiscovery.discover(
            in: root, layout: try EstimateLayout(pattern: "{track}/{target}.ogg"),
            aliases: try TargetAliases(parsing: "lead=vocals,backing=accompaniment"))
        XCTAssertEqual(discovery.tracks.first?.targets, ["vocals", "accompaniment"])
        XCTAssertTrue(discovery.explanation.contains("(given)"), discovery.explanation)
    }
}

extension EvaluationError {
    /// The folder of a `severalModels` error (for comparing the whole value).
    var folderForTest: URL? {
        if case let .severalModels(url, _) = self { return url }
        return nil
    }
}
