import ArgumentParser
import CommandSupport
import Foundation
import MUSDB

/// `musdb list`: the tracks of a dataset in Python musdb's order. Entries that cannot be
/// indexed follow on standard error, one `error:` line each, and make the exit status 1.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tracks of a dataset, in the order Python musdb lists them.",
        discussion: """
            Prints index, subset (and split), duration and name per track; --json prints a JSON \
            array instead.

            Example:
              musdb list --root ~/MUSDB18-HQ --is-wav --subsets train --split valid
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to list"))
    var subsets: [SubsetSelection] = [.all]

    @Option(
        help: ArgumentHelp(
            "With --subsets train only: the training (train) or validation (valid) tracks.",
            valueName: "split"))
    var split: Split?

    @Flag(help: "Print a JSON array (name, artist, title, subset, split, rate, frames, duration).")
    var json = false

    func run() throws {
        let subsetList = SubsetSelection.merged(subsets)
        let database = try reportingErrors {
            try dataset.database(subsets: subsetList, split: split)
        }
        if json {
            print(String(decoding: try TrackSummary.listJSON(database.tracks), as: UTF8.self))
            try reportProblems(database.problems)
            return
        }
        if database.tracks.isEmpty, database.problems.isEmpty {
            printError(
                "no tracks found under \(database.root.path) for \(subsetList.map(\.rawValue).joined(separator: ","))"
                    + (dataset.datasetKind != .musdb18
                        ? "" : " (looked for *.stem.mp4; add --is-wav for folders of WAVs)"))
            return
        }
        for (index, track) in database.tracks.enumerated() {
            print(TrackSummary.listLine(index: index, track: track))
        }
        try reportProblems(database.problems)
    }
}
