import Foundation
import SeededRandom
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

/// The layouts beyond MUSDB18, built small from their documented formats: DSD100's
/// Mixtures/Sources folders, MoisesDB's `data.json` and stem folders of parts (as the
/// `moisesdb` package resolves them), and a generic folder of `<stem>.wav` files.
final class DatasetLayoutTests: XCTestCase {
    /// A constant-valued float WAV: sums of parts are then checked exactly.
    func writeConstant(_ value: Double, frames: Int, channels: Int = 2, rate: Int = 44100, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let buffer = AudioBuffer(
            sampleRate: rate, channels: (0..<channels).map { Array(repeating: value * Double($0 + 1), count: frames) })
        try AudioFile.write(buffer, to: url, format: .wavFloat32)
    }

    /// Seeded noise at `level`, for signals BSS Eval can score.
    func writeNoise(_ level: Double, seed: UInt64, frames: Int, channels: Int, rate: Int, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var generator = SplitMix64(seed: seed)
        let buffer = AudioBuffer(
            sampleRate: rate,
            channels: (0..<channels).map { _ in (0..<frames).map { _ in level * (generator.nextUniform() - 0.5) } })
        try AudioFile.write(buffer, to: url, format: .wavFloat32)
    }

    /// One MoisesDB track: `stems` are (stemName, [(part id, value, frames, channels, rate)]);
    /// with `noise`, each part is seeded noise of that level instead of a constant.
    func writeMoisesTrack(
        _ id: String, in provider: URL, artist: String = "Artist", song: String = "Song",
        stems: [(String, [(String, Double, Int, Int, Int)])], noise: Bool = false
    ) throws {
        let folder = provider.appendingPathComponent(id)
        var described = [[String: Any]]()
        for (stem, parts) in stems {
            var tracks = [[String: Any]]()
            for (index, (part, value, frames, channels, rate)) in parts.enumerated() {
                let url = folder.appendingPathComponent(stem).appendingPathComponent(part + ".wav")
                if noise {
                    try writeNoise(
                        value, seed: SeededSplit.fnv1a(id + stem) &+ UInt64(index), frames: frames, channels: channels,
                        rate: rate, to: url)
                } else {
                    try writeConstant(value, frames: frames, channels: channels, rate: rate, to: url)
                }
                tracks.append(["id": part, "extension": "wav", "trackType": "\(stem) part", "has_bleed": false])
            }
            described.append(["id": UUID().uuidString, "stemName": stem, "tracks": tracks])
        }
        let json: [String: Any] = ["artist": artist, "song": song, "genre": "Pop", "stems": described]
        try JSONSerialization.data(withJSONObject: json).write(to: folder.appendingPathComponent("data.json"))
    }

    func makeMoisesDB(noise: Bool = false, frameScale: Int = 1) throws -> URL {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("moisesdb")
        let provider = root.appendingPathComponent("moisesdb_v0.1")
        try writeMoisesTrack(
            "0a1b-track", in: provider, artist: "A", song: "First",
            stems: [
                ("vocals", [("v1", 0.1, 1000 * frameScale, 2, 44100), ("v2", 0.2, 900 * frameScale, 1, 44100)]),
                ("drums", [("d1", 0.05, 1200 * frameScale, 2, 44100)]),
                ("bass", [("b1", 0.04, 960 * frameScale, 2, 48000)]),
                ("guitar", [("g1", 0.03, 1100 * frameScale, 2, 44100)]),
                ("piano", [("p1", 0.02, 1000 * frameScale, 2, 44100)]),
                ("bowed_strings", [("s1", 0.01, 1150 * frameScale, 2, 44100)])
            ], noise: noise)
        try writeMoisesTrack(
            "ff00-track", in: provider,
            stems: [
                ("vocals", [("v", 0.1, 500 * frameScale, 2, 44100)]),
                ("drums", [("d", 0.1, 500 * frameScale, 2, 44100)])
            ],
            noise: noise)
        return root
    }

    func testMoisesDBPartsAreSummedOverTheShortestAndPaddedToTheTrack() throws {
        let root = try makeMoisesDB()
        let everything = SeededSplit(seed: 1, test: 0, valid: 0)
        let database = try Database(kind: .moisesdb, root: root, subsets: [.train], splitting: everything)
        XCTAssertEqual(database.tracks.map(\.name), ["0a1b-track", "ff00-track"])
        XCTAssertTrue(database.problems.isEmpty, "\(database.problems)")
        let track = database.tracks[0]
        XCTAssertEqual(track.artist, "A")
        XCTAssertEqual(track.title, "First")
        // The 4-stem default: guitar, piano and bowed strings summed into other.
        XCTAssertEqual(track.sources, [.vocals, .drums, .bass, .other])
        XCTAssertEqual(track.sourceFiles[.other]?.count, 3)
        XCTAssertEqual(track.channelCount, 2)
        // The longest stem: drums (1200); other is as long as its shortest part (1000).
        XCTAssertEqual(track.frameCount, 1200)
        XCTAssertTrue(track.mixtureIsSum)
        XCTAssertEqual(track.targets.map(\.name), Target.standard.map(\.name))

        let vocals = try track.audio(of: .vocals)
        XCTAssertEqual(vocals.frameCount, 1200)
        // Left: 0.1 + 0.2 (the mono part copied to both channels); right: 0.2 + 0.2.
        XCTAssertEqual(vocals.channels[0][899], 0.3, accuracy: 1e-7)
        XCTAssertEqual(vocals.channels[1][0], 0.4, accuracy: 1e-7)
        XCTAssertEqual(vocals.channels[0][900], 0) // past the shortest part: silence
        let other = try track.audio(of: .other)
        XCTAssertEqual(other.channels[0][999], 0.06, accuracy: 1e-7)
        XCTAssertEqual(other.channels[0][1000], 0)
        // The 48 kHz bass part is resampled to 44.1 kHz: 960 frames → 882.
        let bass = try track.audio(of: .bass)
        XCTAssertEqual(bass.frameCount, 1200)
        XCTAssertEqual(bass.channels[0][440], 0.04, accuracy: 1e-3)
        XCTAssertEqual(bass.channels[0][882 + 10], 0, accuracy: 1e-9)
        // The mixture is the sum of the sources.
        let mixture = try track.audio()
        let sum = try track.audio(ofTarget: .linearMixture)
        XCTAssertEqual(mixture.channels, sum.channels)
        // Excerpts read the same samples as the whole stem.
        XCTAssertEqual(try track.audio(of: .vocals, frames: 880..<920).channels, vocals.frames(880..<920).channels)
    }

    func testMoisesDBStemMappings() throws {
        let root = try makeMoisesDB()
        let everything = SeededSplit(seed: 1, test: 0, valid: 0)
        let six = try Database(
            kind: .moisesdb, root: root, subsets: [.train], mapping: .moisesDB6, splitting: everything)
        let track = six.tracks[0]
        XCTAssertEqual(track.sources, [.vocals, .drums, .bass, .guitar, .piano, .other])
        XCTAssertEqual(track.sourceFiles[.other]?.map(\.lastPathComponent), ["s1.wav"])
        XCTAssertEqual(
            track.targets.map(\.name),
            ["vocals", "drums", "bass", "guitar", "piano", "other", "accompaniment", "linear_mixture"])
        XCTAssertEqual(
            try track.target(named: "accompaniment").components.map(\.source), [.drums, .bass, .guitar, .piano, .other])
        // A stem a track lacks is not a source of that track.
        XCTAssertEqual(six.tracks[1].sources, [.vocals, .drums])
        let five = try Database(
            kind: .moisesdb, root: root, subsets: [.train], mapping: .moisesDB5, splitting: everything)
        XCTAssertEqual(five.tracks[0].sources, [.vocals, .drums, .bass, .guitar, .other])
        XCTAssertEqual(five.tracks[0].sourceFiles[.other]?.count, 2)
    }

    func testMoisesDBBrokenTracksAreProblemsNotFailures() throws {
        let root = try makeMoisesDB()
        let provider = root.appendingPathComponent("moisesdb_v0.1")
        try writeMoisesTrack("bad-json", in: provider, stems: [("vocals", [("v", 0.1, 100, 2, 44100)])])
        try Data("{not json".utf8).write(to: provider.appendingPathComponent("bad-json/data.json"))
        try writeMoisesTrack("missing-part", in: provider, stems: [("vocals", [("v", 0.1, 100, 2, 44100)])])
        try FileManager.default.removeItem(at: provider.appendingPathComponent("missing-part/vocals/v.wav"))
        let database = try Database(
            kind: .moisesdb, root: root, subsets: [.train, .test], splitting: SeededSplit(seed: 1, test: 0, valid: 0))
        XCTAssertEqual(database.tracks.count, 2)
        XCTAssertEqual(Set(database.problems.compactMap(\.track)), ["bad-json", "missing-part"])
        XCTAssertTrue(database.problems.contains { $0.reason.contains("data.json cannot be read") })
        XCTAssertTrue(database.problems.contains { $0.url.lastPathComponent == "v.wav" })
    }

    func testDSD100ReadsTheSameSamplesAsTheHQFolder() throws {
        let base = try TestData.temporaryDirectory(self)
        let hq = base.appendingPathComponent("hq")
        try SampleDataset(trainTrackCount: 2, testTrackCount: 1, seconds: 1).write(to: hq)
        let reference = try Database(root: hq, isWav: true)
        let dsd = base.appendingPathComponent("DSD100")
        for track in reference.tracks {
            let folder = track.subset == .train ? "Dev" : "Test"
            let mixtures = dsd.appendingPathComponent("Mixtures/\(folder)/\(track.name)")
            let sources = dsd.appendingPathComponent("Sources/\(folder)/\(track.name)")
            try FileManager.default.createDirectory(at: mixtures, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: track.path, to: mixtures.appendingPathComponent("mixture.wav"))
            for source in Source.allCases {
                try FileManager.default.copyItem(
                    at: try XCTUnwrap(track.sourceURLs[source]), to: sources.appendingPathComponent(source.fileName))
            }
        }
        let database = try Database(kind: .dsd100, root: dsd)
        XCTAssertEqual(database.tracks.map(\.name), reference.tracks.map(\.name))
        XCTAssertEqual(database.tracks.map(\.subset), reference.tracks.map(\.subset))
        for (ours, theirs) in zip(database.tracks, reference.tracks) {
            XCTAssertEqual(ours.targets, Target.standard)
            XCTAssertEqual(try ours.stems(), try theirs.stems())
            XCTAssertTrue(ours.readsStemsAsStored)
        }
        let report = DatasetVerifier.verify(database)
        XCTAssertTrue(report.isClean, "\(report.problems)")
        XCTAssertEqual(report.tracks.count, 3)
        XCTAssertThrowsError(try Database(kind: .dsd100, root: hq)) { error in
            XCTAssertTrue("\(error)".contains("not a dsd100 root"), "\(error)")
        }
    }

    func testGenericFolderWithAndWithoutAMixture() throws {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("folder")
        try writeConstant(0.1, frames: 300, to: root.appendingPathComponent("Song A/lead.wav"))
        try writeConstant(0.2, frames: 300, to: root.appendingPathComponent("Song A/keys.wav"))
        try writeConstant(0.25, frames: 300, to: root.appendingPathComponent("Song B/lead.wav"))
        try writeConstant(0.05, frames: 300, to: root.appendingPathComponent("Song B/keys.wav"))
        try writeConstant(0.3, frames: 300, to: root.appendingPathComponent("Song B/mixture.wav"))
        let splitting = SeededSplit(seed: 3, test: 0, valid: 0)
        let database = try Database(kind: .folder, root: root, subsets: [.train], splitting: splitting)
        XCTAssertEqual(database.tracks.map(\.name), ["Song A", "Song B"])
        let a = database.tracks[0], b = database.tracks[1]
        XCTAssertEqual(a.sources.map(\.rawValue), ["keys", "lead"])
        XCTAssertTrue(a.mixtureIsSum)
        XCTAssertEqual(try a.audio().channels[0][0], 0.3, accuracy: 1e-7)
        XCTAssertFalse(b.mixtureIsSum)
        XCTAssertEqual(b.targets.map(\.name), ["keys", "lead", "linear_mixture"])
        let report = DatasetVerifier.verify(database)
        XCTAssertTrue(report.isClean, "\(report.problems)")
        // 0.25 + 0.05 against 0.3, each rounded to float32: equal to within rounding.
        XCTAssertLessThan(try XCTUnwrap(report.tracks[1].mixtureErrorDB), -100)
        // A mapping merges stems of a generic folder too.
        let merged = StemMapping(name: "one", dataset: nil, stems: [.init(name: "all", from: ["*"])])
        let mapped = try Database(kind: .folder, root: root, subsets: [.train], mapping: merged, splitting: splitting)
        XCTAssertEqual(try mapped.tracks[0].audio(of: Source("all")).channels[0][5], 0.3, accuracy: 1e-7)
    }

    func testShippedMappingFilesAreTheBuiltInProfiles() throws {
        let folder = TestData.packageRoot.appendingPathComponent("Manifests/stem-mappings")
        for profile in StemMapping.profiles {
            let file = folder.appendingPathComponent(profile.name + ".json")
            XCTAssertEqual(try StemMapping(contentsOf: file), profile)
            XCTAssertEqual(try StemMapping.named(file.path), profile)
            XCTAssertEqual(try StemMapping.named(profile.name), profile)
            XCTAssertEqual(profile.problems, [])
            // Every MoisesDB stem lands in exactly one output stem.
            let assigned = profile.assign(StemMapping.moisesDBStems).flatMap(\.from)
            XCTAssertEqual(assigned.sorted(), StemMapping.moisesDBStems.sorted())
        }
    }

    func testInvalidMappingsAreRefusedWithTheReason() throws {
        let folder = try TestData.temporaryDirectory(self)
        let file = folder.appendingPathComponent("bad.json")
        try Data(
            #"{"name": "bad", "stems": [{"name": "a", "from": ["x", "*"]}, {"name": "b", "from": ["X", "*"]}]}"#.utf8
        )
        .write(to: file)
        XCTAssertThrowsError(try StemMapping(contentsOf: file)) { error in
            XCTAssertEqual(
                "\(error)", "\(file.path): not a usable stem mapping (dataset stem 'X' goes to both 'a' and 'b')")
        }
        XCTAssertThrowsError(try StemMapping.named("moisesdb-7stems")) { error in
            XCTAssertTrue("\(error)".contains("not a built-in profile (moisesdb-4stems"), "\(error)")
        }
    }

    func testSeededSplitIsStablePerTrackAndTheStoredMoisesDBSplitIsReproduced() throws {
        let split = SeededSplit.standard
        let names = (0..<2000).map { "track-\($0)" }
        let places = names.map { split.place(of: $0) }
        // Each track's place depends on its name alone.
        XCTAssertEqual(names.dropFirst(7).map { split.place(of: $0) }, Array(places.dropFirst(7)))
        let test = Double(places.filter { $0 == .test }.count) / 2000
        let valid = Double(places.filter { $0 == .valid }.count) / 2000
        XCTAssertEqual(test, 0.2, accuracy: 0.03)
        XCTAssertEqual(valid, 0.1, accuracy: 0.03)
        let reseeded = names.prefix(200).filter { SeededSplit(seed: 7).place(of: $0) != split.place(of: $0) }
        XCTAssertGreaterThan(reseeded.count, 40, "another seed moves tracks")
        // The shipped MoisesDB split (235 track ids) is what the draw gives.
        let stored = try SeededSplit(
            contentsOf: TestData.packageRoot.appendingPathComponent("Manifests/moisesdb-split.json"))
        XCTAssertEqual(stored.tracks.count, 235)
        XCTAssertEqual(stored.seed, split.seed)
        for (name, place) in stored.tracks { XCTAssertEqual(SeededSplit.standard.place(of: name), place, name) }
        // A stored place wins over the draw.
        let moved = SeededSplit(tracks: ["track-0": places[0] == .test ? .train : .test])
        XCTAssertNotEqual(moved.place(of: "track-0"), places[0])
    }

    /// The commands on a MoisesDB root, as a user runs them: list, split, convert to the
    /// MUSDB18-HQ layout, and museval scoring estimates against the MoisesDB references.
    func testCommandsReadMoisesDB() throws {
        let root = try makeMoisesDB(noise: true, frameScale: 60)
        let work = root.deletingLastPathComponent()
        let dataset = ["--dataset", "moisesdb", "--root", root.path]
        let splitFile = work.appendingPathComponent("split.json")
        let split = try CommandRunner.run(
            "musdb", ["split"] + dataset + ["--test", "0", "--valid", "0", "-o", splitFile.path])
        XCTAssertEqual(split.status, 0, split.stderr)
        XCTAssertTrue(split.stderr.contains("2 tracks: 2 train, 0 valid, 0 test"), split.stderr)
        let stored = dataset + ["--split-file", splitFile.path]
        let list = try CommandRunner.run("musdb", ["list"] + stored + ["--stem-mapping", "moisesdb-6stems"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("train/train") && list.stdout.contains("0a1b-track"), list.stdout)

        let converted = work.appendingPathComponent("hq")
        let convert = try CommandRunner.run("musdb", ["convert"] + stored + ["--format", "float", converted.path])
        XCTAssertEqual(convert.status, 0, convert.stderr)
        let hq = try Database(root: converted, isWav: true)
        let moises = try Database(kind: .moisesdb, root: root, splitting: SeededSplit(seed: 1, test: 0, valid: 0))
        XCTAssertEqual(hq.tracks.map(\.name), moises.tracks.map(\.name))
        // The sum of three float parts, written as float32: equal to within float rounding.
        let written = try hq.tracks[0].audio(of: .other), summed = try moises.tracks[0].audio(of: .other)
        XCTAssertEqual(written.frameCount, summed.frameCount)
        let error = zip(written.channels.joined(), summed.channels.joined()).map { abs($0 - $1) }.max() ?? .nan
        XCTAssertLessThan(error, 1e-7)

        // Estimates: the references plus a little of another source.
        let estimates = work.appendingPathComponent("estimates")
        for track in moises.tracks {
            let folder = estimates.appendingPathComponent("train/\(track.name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let sources = try track.loadSources()
            for (index, source) in track.sources.enumerated() {
                let bleed = try XCTUnwrap(sources[track.sources[(index + 1) % track.sources.count]])
                let estimate = try XCTUnwrap(sources[source]).adding(bleed, gain: 0.1)
                try AudioFile.write(estimate, to: folder.appendingPathComponent(source.fileName), format: .wavFloat32)
            }
        }
        let scores = work.appendingPathComponent("scores")
        let evaluate = try CommandRunner.run(
            "museval", [estimates.path] + stored + ["--subsets", "train", "-o", scores.path])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: scores.appendingPathComponent("train/0a1b-track.json"))) as? [String: Any]
        let targets = try XCTUnwrap(json?["targets"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        XCTAssertEqual(targets, ["vocals", "drums", "bass", "other"])
    }
}
