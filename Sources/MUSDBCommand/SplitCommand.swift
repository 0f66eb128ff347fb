import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import MUSDB

/// `musdb split`: writes the seeded split of a dataset without one, so it can be stored,
/// cited and passed back with `--split-file`.
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Write the seeded train/valid/test split of a dataset to a split file.",
        discussion: """
            MoisesDB and generic folders have no official split, DSD100 no validation set. \
            Every command places their tracks by a seeded draw per track name (SplitMix64 seeded \
            with --seed and the track name's FNV-1a hash): a track's place never depends on \
            which other tracks are present, and the fractions hold on average. This command \
            writes those places to a JSON file; pass it back with --split-file to any command, \
            or edit it to move tracks.

            Example:
              musdb split --dataset moisesdb --root ~/moisesdb --seed 2024 --test 0.2 --valid 0.1 -o split.json
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(help: "The seed of the draws.")
    var seed: UInt64 = SeededSplit.standard.seed

    @Option(
        help: ArgumentHelp(
            "Expected fraction of tracks in test (datasets without a test subset).", valueName: "fraction"))
    var test: Double = SeededSplit.standard.test

    @Option(help: ArgumentHelp("Expected fraction of tracks in valid.", valueName: "fraction"))
    var valid: Double = SeededSplit.standard.valid

    @Option(
        name: [.short, .long], help: ArgumentHelp("The split file to write (- for standard output).", valueName: "out"))
    var output: String

    func validate() throws {
        guard test.isFinite, valid.isFinite, test >= 0, valid >= 0, test + valid <= 1 else {
            throw ValidationError(
                "--test and --valid must be fractions ≥ 0 adding up to at most 1 (got \(test), \(valid))")
        }
        if dataset.datasetKind.isMUSDB18 {
            throw ValidationError("MUSDB18's split is fixed (its manifest); use --dataset dsd100, moisesdb or folder")
        }
    }

    func run() throws {
        try reportingErrors {
            let splitting = SeededSplit(seed: seed, test: test, valid: valid)
            var places = [String: SeededSplit.Place]()
            // The draw with these settings; a --split-file given too is not applied.
            let database = try Database(
                kind: dataset.datasetKind, root: dataset.rootURL(), mapping: dataset.mapping(),
                splitting: splitting)
            for track in database.tracks {
                places[track.name] = track.subset == .test ? .test : track.split == .valid ? .valid : .train
            }
            let file = SeededSplit(seed: seed, test: test, valid: valid, tracks: places)
            let counts = SeededSplit.Place.allCases.map { place in
                "\(places.values.filter { $0 == place }.count) \(place.rawValue)"
            }
            if output == "-" {
                FileHandle.standardOutput.write(try file.jsonData())
            } else {
                try AtomicFile.write(try file.jsonData(), to: URL(fileURLWithPath: output))
            }
            printError("\(places.count) tracks: " + counts.joined(separator: ", "))
            // A track that could not be indexed is not in the file: say so in the status too.
            try reportProblems(database.problems)
        }
    }
}
