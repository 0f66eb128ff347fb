import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

/// Every subcommand of `musdb` and `museval`, run as a user runs it with the shared
/// spellings: `--root` (and its `--musdb` alias) wherever a dataset is read, `--subsets`,
/// `-o/--output`, `--jobs 2`, `--version`, negative values; and the same help words for
/// the shared options everywhere.
final class SharedVocabularyTests: XCTestCase {
    // MARK: the shared words

    /// The subcommands of each tool.
    static let musdbCommands = ["list", "info", "verify", "sample", "load", "convert", "augment", "stretch", "split"]
    static let musevalCommands = ["evaluate", "dir", "aggregate", "report", "oracle"]

    /// The help of the dataset options, the same in every command that reads a dataset.
    static let datasetHelp = [
        "--root, --musdb <root> The dataset root: the folder holding train/ and test/, or the dataset's zip, read in place "
            + "(default: the MUSDB_PATH environment variable).",
        "--is-wav The dataset is MUSDB18-HQ (a folder of WAVs per track), not MUSDB18 (.stem.mp4 files).",
        "--dataset <kind> The dataset layout: musdb18, musdb18hq, dsd100, moisesdb, folder",
        "--stem-mapping <name|file> Map the dataset's stems onto sources",
        "--split-file <file> For datasets without an official split"
    ]
    static let subsetsHelp = "comma-separated or repeated, in the order given"
    static let jobsHelp =
        "--jobs <n> Tracks (for augment: examples) processed in parallel; each job holds one track in memory. (default: 1)"

    static let readsDataset: Set = [
        "list", "info", "verify", "load", "convert", "augment", "evaluate", "oracle", "split"
    ]
    static let choosesSubsets: Set = [
        "list", "load", "convert", "augment", "evaluate", "oracle", "aggregate", "report"
    ]
    static let runsJobs: Set = ["convert", "augment", "evaluate", "oracle"]
    static let writesOutput: Set = [
        "sample", "convert", "augment", "stretch", "evaluate", "dir", "aggregate", "report", "oracle", "split"
    ]

    /// `text` with every run of blanks and line breaks as one space (help is wrapped to the terminal).
    private func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func testEverySubcommandsHelpUsesTheSharedWords() throws {
        for (tool, commands) in [("musdb", Self.musdbCommands), ("museval", Self.musevalCommands)] {
            for command in commands {
                let result = try run(tool, [command, "--help"])
                XCTAssertEqual(result.status, 0, "\(tool) \(command) --help: \(result.stderr)")
                let help = flattened(result.stdout)
                let name = "\(tool) \(command)"
                XCTAssertTrue(help.contains("USAGE: \(tool) \(command)"), "\(name):\n\(result.stdout)")
                for words in Self.datasetHelp {
                    XCTAssertEqual(
                        help.contains(words), Self.readsDataset.contains(command), "\(name): \(words)\n\(result.stdout)"
                    )
                }
                XCTAssertEqual(
                    help.contains("--subsets <subsets>") && help.contains(Self.subsetsHelp),
                    Self.choosesSubsets.contains(command), "\(name) --subsets:\n\(result.stdout)")
                XCTAssertEqual(
                    help.contains(Self.jobsHelp), Self.runsJobs.contains(command), "\(name) --jobs:\n\(result.stdout)")
                XCTAssertEqual(
                    help.contains("-o, --output"), Self.writesOutput.contains(command),
                    "\(name) -o/--output:\n\(result.stdout)")
                XCTAssertTrue(help.contains("Example"), "\(name) keeps an example:\n\(result.stdout)")
                // The examples use the shared spellings.
                XCTAssertFalse(
                    help.contains("--musdb ~") || help.contains("--musdb data"), "\(name):\n\(result.stdout)")
                XCTAssertFalse(help.contains("--subset ") || help.contains("--subset="), "\(name):\n\(result.stdout)")
                XCTAssertFalse(help.contains("(default: both)"), "\(name): one default, shown once")
                XCTAssertLessThanOrEqual(
                    help.components(separatedBy: "default: train,test").count, 2,
                    "\(name): the subsets default is shown once")
            }
        }
    }

    func testBothToolsPrintTheSameVersion() throws {
        let musdb = try run("musdb", ["--version"])
        let museval = try run("museval", ["--version"])
        XCTAssertEqual(musdb.status, 0, musdb.stderr)
        XCTAssertEqual(museval.status, 0, museval.stderr)
        XCTAssertEqual(musdb.stdout, "musdb \(ToolVersion.version) (musdb-museval)\n")
        XCTAssertEqual(museval.stdout, "museval \(ToolVersion.version) (musdb-museval, museval 0.4.1-compatible)\n")
    }

    // MARK: musdb

    /// `musdb sample -o` into a temporary folder: 1 train + 1 test track of 2 s.
    private func sample() throws -> (folder: URL, root: URL, tracks: [Track]) {
        let folder = try TestData.temporaryDirectory(self)
        let root = folder.appendingPathComponent("data")
        let result = try run(
            "musdb", ["sample", "-o", root.path, "--tracks", "1", "--test-tracks", "1", "--seconds", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("wrote 2 tracks of 2.0 s to \(root.path)"), result.stdout)
        return (folder, root, try Database(root: root, isWav: true).tracks)
    }

    func testSampleTakesOutputAsOptionOrPositionalButNotBoth() throws {
        let folder = try TestData.temporaryDirectory(self)
        let positional = folder.appendingPathComponent("positional"), option = folder.appendingPathComponent("option")
        let arguments = ["--tracks", "1", "--test-tracks", "0", "--seconds", "1", "--sample-rate", "8000"]
        XCTAssertEqual(try run("musdb", ["sample", positional.path] + arguments).status, 0)
        XCTAssertEqual(try run("musdb", ["sample", "--output", option.path] + arguments).status, 0)
        let written = try Database(root: option, isWav: true).tracks
        XCTAssertEqual(written.map(\.rate), [8000])
        XCTAssertEqual(written.map(\.name), try Database(root: positional, isWav: true).tracks.map(\.name))
        let both = try run(
            "musdb", ["sample", folder.appendingPathComponent("a").path, "-o", folder.appendingPathComponent("b").path])
        XCTAssertEqual(both.status, 64, both.stderr)
        XCTAssertTrue(both.stderr.contains("give one"), both.stderr)
        let negative = try run("musdb", ["sample", "-o", folder.appendingPathComponent("c").path, "--seconds", "-1"])
        XCTAssertEqual(negative.status, 64, negative.stderr)
        XCTAssertTrue(negative.stderr.contains("--seconds must be in (0, 600]"), negative.stderr)
        let none = try run("musdb", ["sample"])
        XCTAssertEqual(none.status, 64, none.stderr)
        XCTAssertTrue(none.stderr.contains("-o OUT"), none.stderr)
        // `--rate`, the earlier spelling of `--sample-rate`, still works.
        let legacy = folder.appendingPathComponent("legacy")
        XCTAssertEqual(
            try run(
                "musdb",
                [
                    "sample", "-o", legacy.path, "--tracks", "1", "--test-tracks", "0", "--seconds", "1",
                    "--rate", "16000"
                ]
            ).status, 0)
        XCTAssertEqual(try Database(root: legacy, isWav: true).tracks.map(\.rate), [16000])
    }

    func testListTakesRootOrMUSDBAndSubsets() throws {
        let (_, root, tracks) = try sample()
        let byRoot = try run("musdb", ["list", "--root", root.path, "--is-wav"])
        XCTAssertEqual(byRoot.status, 0, byRoot.stderr)
        XCTAssertEqual(byRoot.stdout.split(separator: "\n").count, 2)
        for track in tracks { XCTAssertTrue(byRoot.stdout.contains(track.name), byRoot.stdout) }
        XCTAssertEqual(try run("musdb", ["list", "--musdb", root.path, "--is-wav"]).stdout, byRoot.stdout)
        let environment = try CommandRunner.run("musdb", ["list", "--is-wav"], environment: ["MUSDB_PATH": root.path])
        XCTAssertEqual(environment.stdout, byRoot.stdout)

        let test = try run("musdb", ["list", "--root", root.path, "--is-wav", "--subsets", "test"])
        XCTAssertEqual(test.status, 0, test.stderr)
        let testLines = test.stdout.split(separator: "\n")
        XCTAssertEqual(testLines.count, 1)
        XCTAssertTrue(testLines.first?.hasSuffix("  " + tracks[1].name) == true, test.stdout)
        let reversed = try run(
            "musdb", ["list", "--root", root.path, "--is-wav", "--subsets", "test", "--subsets", "train"])
        let reversedLines = reversed.stdout.split(separator: "\n")
        XCTAssertEqual(reversedLines.count, 2)
        XCTAssertTrue(reversedLines.first?.hasSuffix("  " + tracks[1].name) == true, reversed.stdout)
        XCTAssertTrue(reversedLines.last?.hasSuffix("  " + tracks[0].name) == true, reversed.stdout)
        let commas = try run("musdb", ["list", "--root", root.path, "--is-wav", "--subsets", "test,train"])
        XCTAssertEqual(commas.stdout, reversed.stdout)
        let split = try run(
            "musdb", ["list", "--root", root.path, "--is-wav", "--subsets", "train", "--split", "VALID"])
        XCTAssertEqual(split.status, 0, split.stderr)
        XCTAssertEqual(split.stdout, "", "the synthetic tracks are all training tracks")

        let unknown = try run("musdb", ["list", "--root", root.path, "--subsets", "validation"])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("'train' and 'test'"), unknown.stderr)
        let noRoot = try CommandRunner.run("musdb", ["list", "--is-wav"], environment: ["MUSDB_PATH": ""])
        XCTAssertEqual(noRoot.status, 64, noRoot.stderr)
        XCTAssertTrue(noRoot.stderr.contains("--root ROOT") && noRoot.stderr.contains("MUSDB_PATH"), noRoot.stderr)
    }

    func testInfoVerifyAndLoadTakeRootOrMUSDB() throws {
        let (_, root, tracks) = try sample()
        for spelling in ["--root", "--musdb"] {
            let info = try run("musdb", ["info", spelling, root.path, "--is-wav", tracks[1].name])
            XCTAssertEqual(info.status, 0, info.stderr)
            XCTAssertTrue(info.stdout.hasPrefix("track:    \(tracks[1].name)\n"), info.stdout)
            XCTAssertTrue(info.stdout.contains("  vocals       88200 frames  2 ch  peak "), info.stdout)

            // A negative value right after its option.
            let verify = try run("musdb", ["verify", spelling, root.path, "--is-wav", "--mixture-tolerance", "-20"])
            XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
            XCTAssertTrue(verify.stdout.contains("OK: 2 tracks checked, no problems"), verify.stdout)

            let load = try run("musdb", ["load", spelling, root.path, "--is-wav", "--subsets", "test"])
            XCTAssertEqual(load.status, 0, load.stderr)
            XCTAssertTrue(load.stdout.hasPrefix("\(tracks[1].name)\t88200x2\t6 targets\tsum "), load.stdout)
            XCTAssertTrue(load.stdout.contains("loaded 1 tracks, 88200 frames"), load.stdout)
        }
    }

    func testAugmentTakesTheSharedOptions() throws {
        let (folder, root, tracks) = try sample()
        var outputs = [Data]()
        for (spelling, jobs, output) in [("--root", "2", "-o"), ("--musdb", "1", "--output")] {
            let out = folder.appendingPathComponent("augmented\(jobs)")
            let result = try run(
                "musdb",
                [
                    "augment", spelling, root.path, "--is-wav", "--subsets", "train", output, out.path,
                    "--jobs", jobs, "--examples-per-track", "2", "--duration", "0.5",
                    "--format", "wav24", "--remix", "none"
                ])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stderr.contains("2 examples written"), result.stderr)
            let settings =
                try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("augment.json")))
                as? [String: Any]
            XCTAssertEqual(settings?["subsets"] as? [String], ["train"])
            XCTAssertEqual(settings?["tracks"] as? [String], [tracks[0].name])
            outputs.append(try Data(contentsOf: out.appendingPathComponent("manifest.jsonl")))
        }
        XCTAssertEqual(outputs[0], outputs[1], "the set does not depend on --jobs")
        let bad = try run(
            "musdb",
            [
                "augment", "--root", root.path, "--is-wav", "-o", folder.appendingPathComponent("x").path,
                "--format", "mp3"
            ])
        XCTAssertEqual(bad.status, 64, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("wav16") && bad.stderr.contains("flac"), bad.stderr)
    }

    func testAugmentRefusesFLACUnlessAllowed() throws {
        let (folder, root, _) = try sample()
        let arguments = ["--examples-per-track", "1", "--duration", "0.5", "--format", "flac"]
        let refused = try run(
            "musdb",
            ["augment", "--root", root.path, "--is-wav", "-o", folder.appendingPathComponent("a").path] + arguments)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Python musdb reads only WAV stems"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("a").path))
        let allowed = try run(
            "musdb",
            ["augment", "--root", root.path, "--is-wav", "-o", folder.appendingPathComponent("b").path, "--allow-flac"]
                + arguments)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("warning: the set is FLAC"), allowed.stderr)
    }

    func testConvertTakesTheSharedOptionsAndResumes() throws {
        let (folder, root, tracks) = try sample()
        let out = folder.appendingPathComponent("converted")
        let first = try run(
            "musdb", ["convert", "--root", root.path, "--is-wav", "--subsets", "test", out.path, "--jobs", "2"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("converted test/\(tracks[1].name)"), first.stderr)
        XCTAssertTrue(first.stderr.contains("1 tracks converted, 0 already complete, 0 failed"), first.stderr)
        let listed = try run("musdb", ["list", "--musdb", out.path, "--is-wav"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(listed.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(listed.stdout.contains(tracks[1].name), listed.stdout)
        let verify = try run(
            "musdb",
            [
                "verify", "--root", out.path, "--is-wav", "--present-only", "--manifest",
                root.appendingPathComponent("manifest.json").path
            ])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        XCTAssertTrue(verify.stdout.contains("OK: 1 tracks checked, no problems"), verify.stdout)

        let again = try run("musdb", ["convert", "--root", root.path, "--is-wav", "--subsets", "test", "-o", out.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("0 tracks converted, 1 already complete"), again.stderr)
        let otherFormat = try run(
            "musdb", ["convert", "--root", root.path, "--is-wav", "-o", out.path, "--format", "wav24"])
        XCTAssertEqual(otherFormat.status, 1, otherFormat.stderr)
        XCTAssertTrue(otherFormat.stderr.contains("other settings"), otherFormat.stderr)
        let inside = try run(
            "musdb", ["convert", "--root", root.path, "--is-wav", root.appendingPathComponent("hq").path])
        XCTAssertEqual(inside.status, 1, inside.stderr)
        XCTAssertTrue(inside.stderr.contains("inside the dataset root"), inside.stderr)
        let flac = try run(
            "musdb",
            ["convert", "--root", root.path, "--is-wav", "--format", "flac", folder.appendingPathComponent("f").path])
        XCTAssertEqual(flac.status, 1, flac.stderr)
        XCTAssertTrue(flac.stderr.contains("Python musdb reads only WAV stems"), flac.stderr)
        let badRate = try run("musdb", ["convert", "--root", root.path, "-o", out.path, "--sample-rate", "-1"])
        XCTAssertEqual(badRate.status, 64, badRate.stderr)
        XCTAssertTrue(badRate.stderr.contains("--sample-rate must be in"), badRate.stderr)
    }

    func testStretchTakesOutputAsOptionOrPositionalAndNegativeSemitones() throws {
        let (folder, _, tracks) = try sample()
        let input = try XCTUnwrap(tracks[0].sourceURLs[.vocals])
        let option = folder.appendingPathComponent("option.wav"),
            positional = folder.appendingPathComponent("positional.wav")
        let first = try run("musdb", ["stretch", input.path, "-o", option.path, "--semitones", "-3", "--rate", "2"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try run("musdb", ["stretch", input.path, positional.path, "--semitones=-3", "--rate", "2"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try AudioFile.info(of: option).frameCount, 44_100)
        XCTAssertEqual(try Data(contentsOf: option), try Data(contentsOf: positional))
        let flac = folder.appendingPathComponent("out.flac")
        let encoded = try run(
            "musdb",
            [
                "stretch", input.path, "--output", flac.path, "--format", "flac", "--resampling", "fastest",
                "--semitones", "-1"
            ])
        XCTAssertEqual(encoded.status, 0, encoded.stderr)
        XCTAssertEqual(try AudioFile.info(of: flac).frameCount, 88_200)
        let both = try run("musdb", ["stretch", input.path, positional.path, "-o", option.path])
        XCTAssertEqual(both.status, 64, both.stderr)
        let hold = try run("musdb", ["stretch", input.path, "-o", option.path, "--resampling", "zeroOrderHold"])
        XCTAssertEqual(hold.status, 64, "only the band-limited converters: \(hold.stderr)")
    }

    // MARK: museval

    /// A sampled dataset with leaky estimates of its test track in the museval layout.
    private func scene() throws -> (folder: URL, root: URL, test: Track, estimates: URL) {
        let (folder, root, tracks) = try sample()
        let estimates = folder.appendingPathComponent("method-a")
        try BrokenInputs.estimates(for: tracks, in: estimates)
        return (folder, root, tracks[1], estimates)
    }

    func testEvaluateTakesTheSharedOptionsAsDefaultSubcommandAndByName() throws {
        let (folder, root, test, estimates) = try scene()
        var scores = [Data]()
        for (prefix, spelling, output, jobs) in [([], "--root", "-o", "2"), (["evaluate"], "--musdb", "--output", "1")]
        {
            let out = folder.appendingPathComponent("scores-\(jobs)")
            let result = try run(
                "museval",
                prefix + [
                    estimates.path, spelling, root.path, "--is-wav", "--subsets", "test",
                    output, out.path, "--jobs", jobs, "--mode", "v4", "--layout", "museval",
                    "--target-map", "lead=vocals"
                ])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stderr.contains("1 scored, 0 skipped as up to date, 0 failed"), result.stderr)
            let json = out.appendingPathComponent("test/\(test.name).json")
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
            let targets = try XCTUnwrap(object["targets"] as? [[String: Any]])
            XCTAssertEqual(Set(targets.compactMap { $0["name"] as? String }), ["vocals", "drums", "bass", "other"])
            scores.append(try Data(contentsOf: json))
        }
        XCTAssertEqual(scores[0], scores[1], "the same scores whatever the spelling and --jobs")

        let badMode = try run("museval", [estimates.path, "--root", root.path, "--is-wav", "--mode", "v5"])
        XCTAssertEqual(badMode.status, 64, badMode.stderr)
        XCTAssertTrue(badMode.stderr.contains("'v4' and 'v3'"), badMode.stderr)
        let badLayout = try run("museval", [estimates.path, "--root", root.path, "--layout", "{track}"])
        XCTAssertEqual(badLayout.status, 64, badLayout.stderr)
        XCTAssertTrue(badLayout.stderr.contains("needs both {track} and {target}"), badLayout.stderr)
        let badMap = try run("museval", [estimates.path, "--root", root.path, "--target-map", "lead"])
        XCTAssertEqual(badMap.status, 64, badMap.stderr)
        XCTAssertTrue(badMap.stderr.contains("expected alias=target"), badMap.stderr)
        // A negative value reaches the range check (it is not taken for a missing value).
        let badWin = try run("museval", [estimates.path, "--root", root.path, "--win", "-1"])
        XCTAssertEqual(badWin.status, 64, badWin.stderr)
        XCTAssertTrue(badWin.stderr.contains("--win and --hop must be positive"), badWin.stderr)
        for jobs in ["0", "-2"] {
            let badJobs = try run("museval", [estimates.path, "--root", root.path, "--jobs", jobs])
            XCTAssertEqual(badJobs.status, 64, badJobs.stderr)
            XCTAssertTrue(badJobs.stderr.contains("--jobs must be at least 1 (got \(jobs))"), badJobs.stderr)
        }
    }

    func testDirTakesOutputAndScoringOptions() throws {
        let (folder, _, test, estimates) = try scene()
        let references = test.path.deletingLastPathComponent()
        let out = folder.appendingPathComponent("dir-scores")
        let result = try run(
            "museval",
            [
                "dir", references.path, estimates.appendingPathComponent("test/\(test.name)").path,
                "-o", out.path, "--win", "1", "--hop", "1", "-m", "v4"
            ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("vocals") && result.stdout.contains("SDR:"), result.stdout)
        XCTAssertTrue(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent(references.lastPathComponent + ".json").path))
    }

    func testAggregateTakesSubsetsAndItsOlderSpelling() throws {
        let (folder, root, _, estimates) = try scene()
        let scores = folder.appendingPathComponent("A")
        XCTAssertEqual(
            try run(
                "museval",
                [
                    estimates.path, "--root", root.path, "--is-wav", "--subsets", "test",
                    "-o", scores.path
                ]
            ).status, 0)
        var boards = [Data]()
        for arguments in [["--subsets", "test"], ["--subset", "test"], ["--subsets", "train,test"]] {
            let board = folder.appendingPathComponent("board-\(boards.count).json")
            let result = try run("museval", ["aggregate", scores.path] + arguments + ["-o", board.path])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("1. A"), result.stdout)
            boards.append(try Data(contentsOf: board))
        }
        XCTAssertEqual(boards[0], boards[1], "--subset is --subsets")
        let trainOnly = try run("museval", ["aggregate", scores.path, "--subsets", "train"])
        XCTAssertEqual(trainOnly.status, 1, "no train scores: \(trainOnly.stderr)")
        XCTAssertTrue(trainOnly.stderr.contains(scores.path), trainOnly.stderr)
    }

    func testOracleTakesTheSharedOptions() throws {
        let (folder, root, tracks) = try sample()
        for (spelling, jobs, output) in [("--root", "2", "-o"), ("--musdb", "1", "--output")] {
            let out = folder.appendingPathComponent("MIX-\(jobs)")
            let result = try run(
                "museval",
                [
                    "oracle", "--method", "mix", spelling, root.path, "--is-wav",
                    "--subsets", "test", output, out.path, "--jobs", jobs
                ])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stderr.contains("1 tracks separated, 0 already done, 0 failed"), result.stderr)
            XCTAssertTrue(
                FileManager.default.fileExists(
                    atPath: out.appendingPathComponent("test/\(tracks[1].name)/accompaniment.wav").path))
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("train").path))
        }
    }
}
