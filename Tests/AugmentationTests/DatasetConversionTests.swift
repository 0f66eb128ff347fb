import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import Augmentation

/// `musdb convert`'s library side: a dataset written in the MUSDB18-HQ layout holds the
/// samples the source decodes to, passes the verifier, resumes, and never lands inside the
/// dataset it reads.
final class DatasetConversionTests: XCTestCase {
    /// A synthetic HQ dataset (2 train, 1 test track of 2 s) and a fresh output folder.
    private func makeSample() throws -> (root: URL, output: URL, manifest: Manifest) {
        let folder = try TestData.temporaryDirectory(self)
        let root = folder.appendingPathComponent("dataset")
        let sample = SampleDataset(trainTrackCount: 2, testTrackCount: 1, seconds: 2, seed: 9)
        try sample.write(to: root)
        return (root, folder.appendingPathComponent("converted"), sample.manifest)
    }

    /// Every file of every converted track equals what the source track decodes to.
    private func assertSamplesEqual(
        _ source: Database, _ output: URL, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let converted = try Database(root: output, subsets: [.train, .test], isWav: true)
        XCTAssertEqual(converted.problems, [], file: file, line: line)
        XCTAssertEqual(converted.tracks.map(\.name), source.tracks.map(\.name), file: file, line: line)
        for (original, copy) in zip(source.tracks, converted.tracks) {
            XCTAssertEqual(copy.subset, original.subset, file: file, line: line)
            let sources = try original.loadSources()
            let length = min(try original.audio().frameCount, sources.values.map(\.frameCount).min() ?? 0)
            XCTAssertEqual(copy.frameCount, length, file: file, line: line)
            XCTAssertEqual(
                try copy.audio().channels, try original.audio().frames(0..<length).channels,
                "\(original.name): mixture", file: file, line: line)
            for source in Source.allCases {
                XCTAssertEqual(
                    try copy.audio(of: source).channels, sources[source]?.frames(0..<length).channels,
                    "\(original.name): \(source)", file: file, line: line)
            }
        }
    }

    func testConvertsAnHQDatasetSampleForSampleAndTheVerifierAcceptsIt() throws {
        let (root, output, manifest) = try makeSample()
        let database = try Database(root: root, subsets: [.train, .test], isWav: true)
        let conversion = DatasetConversion(database: database, output: output, format: .wav16)
        try conversion.prepare()
        let summary = conversion.run(jobs: 2) { _, _ in }
        XCTAssertEqual(summary.outcomes, [.converted, .converted, .converted])
        try assertSamplesEqual(database, output)
        for track in database.tracks {
            let names = try FileManager.default.contentsOfDirectory(atPath: conversion.destination(of: track).path)
            XCTAssertEqual(Set(names), ["mixture.wav", "drums.wav", "bass.wav", "other.wav", "vocals.wav"])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent(".partial").path))
        let report = try DatasetVerifier(root: output, isWav: true, manifest: manifest).verify()
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.tracks.count, 3)
        XCTAssertTrue(report.tracks.allSatisfy { $0.mixtureErrorDB == -.infinity }, "\(report.tracks)")
    }

    func testResamplesAndEncodesAsAsked() throws {
        let (root, output, _) = try makeSample()
        let database = try Database(root: root, subsets: [.test], isWav: true)
        let conversion = DatasetConversion(database: database, output: output, format: .float, sampleRate: 22_050)
        try conversion.prepare()
        XCTAssertEqual(conversion.run(jobs: 1) { _, _ in }.converted, 1)
        let track = try XCTUnwrap(database.tracks.first)
        let mixture = conversion.destination(of: track).appendingPathComponent("mixture.wav")
        let info = try AudioFile.info(of: mixture)
        XCTAssertEqual(info.sampleRate, 22_050)
        XCTAssertEqual(info.frameCount, 44_100)
        var resampling = track
        resampling.sampleRate = 22_050
        // A float WAV holds the resampled samples rounded to Float.
        XCTAssertEqual(
            try AudioFile.read(mixture).channels, try resampling.audio().channels.map { $0.map { Double(Float($0)) } })
    }

    func testRerunSkipsCompleteTracksAndReplacesWhatAnInterruptedRunLeft() throws {
        let (root, output, _) = try makeSample()
        let database = try Database(root: root, subsets: [.train, .test], isWav: true)
        let conversion = DatasetConversion(database: database, output: output)
        try conversion.prepare()
        XCTAssertEqual(conversion.run(jobs: 1) { _, _ in }.converted, 3)

        // An interrupted run: one track folder never renamed into place, a staging folder
        // with half its files left behind.
        let fileManager = FileManager.default
        let missing = database.tracks[1]
        try fileManager.removeItem(at: conversion.destination(of: missing))
        let leftover = output.appendingPathComponent(".partial/train.interrupted")
        try fileManager.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data("not audio".utf8).write(to: leftover.appendingPathComponent("mixture.wav"))
        let kept = conversion.destination(of: database.tracks[0]).appendingPathComponent("vocals.wav")
        let keptDate = try fileManager.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date

        let again = DatasetConversion(database: database, output: output)
        try again.prepare()
        XCTAssertFalse(fileManager.fileExists(atPath: leftover.path), "prepare removes the leftover")
        let outcomes = Outcomes()
        let summary = again.run(jobs: 2) { track, outcome in outcomes.append(track.name, outcome) }
        XCTAssertEqual(summary.outcomes, [.skipped, .converted, .skipped])
        XCTAssertEqual(outcomes.count, 3)
        for (name, outcome) in outcomes.sorted {
            XCTAssertEqual(outcome, name == missing.name ? .converted : .skipped, name)
        }
        XCTAssertEqual(try fileManager.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date, keptDate)
        try assertSamplesEqual(database, output)

        // Other settings do not resume into the same folder.
        let float = DatasetConversion(database: database, output: output, format: .float)
        XCTAssertThrowsError(try float.prepare()) { error in
            XCTAssertTrue("\(error)".contains("other settings"), "\(error)")
            XCTAssertTrue("\(error)".contains(output.path), "\(error)")
        }
    }

    func testRefusesAnOutputInsideTheDatasetOrNotItsOwn() throws {
        let (root, output, _) = try makeSample()
        let database = try Database(root: root, subsets: [.test], isWav: true)
        let inside = DatasetConversion(database: database, output: root.appendingPathComponent("test/converted"))
        XCTAssertThrowsError(try inside.prepare()) { error in
            XCTAssertTrue("\(error)".contains("inside the dataset root \(root.path)"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("test/converted").path))
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: output.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try DatasetConversion(database: database, output: output).prepare()) { error in
            XCTAssertTrue("\(error)".contains("not written by musdb convert"), "\(error)")
        }
    }

    func testABrokenTrackFailsAloneAndLeavesNoFolder() throws {
        let (root, output, _) = try makeSample()
        let database = try Database(root: root, subsets: [.train, .test], isWav: true)
        let broken = database.tracks[0]
        let vocals = try XCTUnwrap(broken.sourceURLs[.vocals])
        try Data("not a WAV file".utf8).write(to: vocals)
        let conversion = DatasetConversion(database: database, output: output)
        try conversion.prepare()
        let summary = conversion.run(jobs: 2) { _, _ in }
        XCTAssertEqual(Array(summary.outcomes.dropFirst()), [.converted, .converted])
        XCTAssertEqual(summary.failures.count, 1)
        XCTAssertTrue(summary.failures.first?.contains(vocals.path) == true, "\(summary.failures)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: conversion.destination(of: broken).path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent(".partial").path))
        XCTAssertEqual(
            try Database(root: output, isWav: true).tracks.map(\.name), database.tracks.dropFirst().map(\.name))
    }

    func testFLACIsRefusedUnlessAllowed() throws {
        XCTAssertThrowsError(try Recipe.Format.flac.requireReadable(allowingFLAC: false)) { error in
            XCTAssertEqual(error as? AugmentationError, .flacNotAllowed)
            XCTAssertTrue("\(error)".contains("Python musdb reads only WAV stems"), "\(error)")
            XCTAssertTrue("\(error)".contains("--allow-flac"), "\(error)")
        }
        XCTAssertNoThrow(try Recipe.Format.flac.requireReadable(allowingFLAC: true))
        for format in [Recipe.Format.wav16, .wav24, .float] {
            XCTAssertNoThrow(try format.requireReadable(allowingFLAC: false))
        }
    }

    /// The shared MUSDB18 sample (real `.stem.mp4` files, decoded with ffmpeg): the WAVs hold
    /// the decoded streams, the stored mixture included, and the verifier accepts them.
    func testConvertsTheSharedStemSample() throws {
        let root = try TestData.requireShared("musdb-sample")
        let database = try Database(root: root, subsets: [.train, .test], isWav: false)
        guard !database.tracks.isEmpty else { throw XCTSkip("skipped: no .stem.mp4 track in \(root.path)") }
        let output = try TestData.temporaryDirectory(self).appendingPathComponent("hq")
        let conversion = DatasetConversion(database: database, output: output, format: .float)
        try conversion.prepare()
        let summary = conversion.run(jobs: 1) { _, _ in }
        XCTAssertEqual(summary.failures, [])
        XCTAssertEqual(summary.converted, database.tracks.count)
        try assertSamplesEqual(database, output)
        let report = try DatasetVerifier(root: output, isWav: true, manifest: .musdb18, presentOnly: true).verify()
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.tracks.count, database.tracks.count)
    }

    /// Python musdb (`musdb.DB(root=OUT, is_wav=True)`) reads the converted set: the same
    /// tracks, the same shapes and the same mixture samples.
    func testPythonMUSDBReadsTheOutput() throws {
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let probe = try CommandRunner.run(executable: python, arguments: ["python3", "-c", "import musdb"])
        guard probe.status == 0 else {
            throw XCTSkip("skipped: python3 cannot import musdb (make pydeps installs it): \(probe.stderr)")
        }
        let (root, output, _) = try makeSample()
        let database = try Database(root: root, subsets: [.train, .test], isWav: true)
        let conversion = DatasetConversion(database: database, output: output)
        try conversion.prepare()
        XCTAssertEqual(conversion.run(jobs: 2) { _, _ in }.converted, 3)
        // The Python source starts with `from`: a line starting with `import` would be read
        // as a Swift import by Scripts/check-package.py.
        let script = """
            from sys import argv; import musdb
            db = musdb.DB(root=argv[1], is_wav=True)
            for t in db:
                a = t.audio
                print(t.subset, t.name, a.shape[0], a.shape[1], t.rate, "%.6f" % a[1000, 0],
                      "%.6f" % t.targets["vocals"].audio[1000, 1])
            """
        let result = try CommandRunner.run(executable: python, arguments: ["python3", "-c", script, output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        var expected = [String]()
        for track in database.tracks {
            let mixture = try track.audio(), vocals = try track.audio(of: .vocals)
            expected.append(
                "\(track.subset.rawValue) \(track.name) \(mixture.frameCount) 2 44100 "
                    + String(format: "%.6f %.6f", Double(mixture.channels[0][1000]), Double(vocals.channels[1][1000])))
        }
        XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), expected)
    }
}

/// The outcomes a run reports, collected from the worker threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items = [(String, DatasetConversion.Outcome)]()

    func append(_ name: String, _ outcome: DatasetConversion.Outcome) {
        lock.lock(); defer { lock.unlock() }
        items.append((name, outcome))
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return items.count
    }

    var sorted: [(String, DatasetConversion.Outcome)] {
        lock.lock(); defer { lock.unlock() }
        return items.sorted { $0.0 < $1.0 }
    }
}
