import ArgumentParser
import Foundation
import MUSDB

/// `musdb list`: the tracks of a dataset in Python musdb's order. Entries that cannot be
/// indexed follow on standard error, one `error:` line each, and make the exit status 1.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tracks of a dataset, in the order Python musdb lists them.")

    @OptionGroup var dataset: DatasetOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Subsets to list, comma-separated, in this order: train, test or train,test.", valueName: "LIST"))
    var subsets: String = "train,test"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --subsets train only: the training (train) or validation (valid) tracks.", valueName: "train|valid"))
    var split: String?

    @Flag(name: .long, help: "Print a JSON array (name, artist, title, subset, split, rate, frames, duration).")
    var json = false

    func run() throws {
        let subsetList = try Subset.list(parsing: subsets)
        let splitValue = try split.map(Split.init(parsing:))
        let database = try reportingErrors {
            try Database(root: dataset.rootURL(), subsets: subsetList, split: splitValue, isWav: dataset.isWav)
        }
        if json {
            let rows = database.tracks.map { track -> [String: Any] in
                var row: [String: Any] = [
                    "name": track.name, "subset": track.subset.rawValue, "rate": track.rate,
                    "frames": track.frameCount, "duration": track.duration
                ]
                row["artist"] = track.artist ?? NSNull()
                row["title"] = track.title ?? NSNull()
                row["split"] = track.split?.rawValue ?? NSNull()
                return row
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            try reportProblems(database.problems)
            return
        }
        if database.tracks.isEmpty, database.problems.isEmpty {
            printProgress(
                "no tracks found under \(database.root.path) for \(subsets)"
                    + (dataset.isWav ? "" : " (looked for *.stem.mp4; add --is-wav for folders of WAVs)"))
            return
        }
        for (index, track) in database.tracks.enumerated() {
            let split = track.split.map { "/\($0.rawValue)" } ?? ""
            print(
                String(format: "%3d  ", index) + padded(track.subset.rawValue + split, 12)
                    + String(format: "%8.2f s  ", track.duration) + track.name)
        }
        try reportProblems(database.problems)
    }
}
