import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import MUSEval
import ScoreFiles

/// `museval aggregate`: reads the per-track JSON of one or more methods and prints (and
/// optionally writes) their aggregate scores and ranking.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Aggregate per-track museval JSON scores of one or more methods into a leaderboard.",
        discussion: """
            Each RESULTS_DIR is one method's output folder as museval writes it (OUT/<subset>/<track>.json): \
            a folder with test/ and/or train/ subfolders, or a folder holding the .json files directly. \
            Scores are aggregated like museval's MethodStore: per track, target and metric over the \
            frames (NaN frames skipped), then over the tracks (NaN tracks skipped).

            Files that cannot be read are reported at the end; the other files are still aggregated, \
            and the exit status is non-zero.

            -o - or --csv - writes that file to standard output instead (one of them at a time); the \
            table then goes to standard error, so standard output holds only the JSON or CSV.

            Example:
              museval aggregate results/IRM2 results/TAK1 --subsets test -o leaderboard.json --csv scores.csv
            """)

    @Argument(help: ArgumentHelp("Method results folders.", valueName: "RESULTS_DIR"))
    var folders: [String]

    @Option(
        name: .customLong("name"), parsing: .singleValue,
        help: ArgumentHelp(
            "Method name for each RESULTS_DIR, in order (default: the folder name; for a folder named test, its parent's).",
            valueName: "NAME"))
    var names: [String] = []

    @Option(help: "Aggregation over the frames of a track (NaN frames skipped).")
    var frames: Aggregation = .median

    @Option(help: "Aggregation over the tracks (NaN tracks skipped).")
    var tracks: Aggregation = .median

    @Option(
        parsing: .singleValue,
        help: SubsetSelection.help(
            "Subset folders to read",
            "default: every subset folder and the files directly in RESULTS_DIR; museval's own add_eval_dir reads only test"
        ))
    var subsets: [SubsetSelection] = []

    /// `--subset`, the earlier spelling of `--subsets`.
    @Option(name: .customLong("subset"), parsing: .singleValue, help: .hidden)
    var legacySubsets: [SubsetSelection] = []

    @Option(
        name: [.short, .customLong("output"), .customLong("json")],
        help: ArgumentHelp("Write the leaderboard JSON here (- for standard output).", valueName: "leaderboard.json"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Write every frame score as a long CSV table here (museval's df columns; - for standard output).",
            valueName: "scores.csv"))
    var csv: String?

    @Flag(help: "Do not print the table.")
    var quiet = false

    func validate() throws {
        if output == "-" && csv == "-" {
            throw ValidationError("-o - and --csv - would both write to standard output; send one of them to a file")
        }
        if !names.isEmpty && names.count != folders.count {
            throw ValidationError("give one --name per RESULTS_DIR (\(folders.count) folders, \(names.count) names)")
        }
        let resolved = resolvedFolders().map(\.name)
        if let duplicate = resolved.first(where: { name in resolved.filter { $0 == name }.count > 1 }) {
            throw ValidationError("two RESULTS_DIR have the method name \"\(duplicate)\"; tell them apart with --name")
        }
    }

    private func resolvedFolders() -> [ResultsFolder] {
        let chosen = SubsetSelection.merged(subsets + legacySubsets)
        return folders.enumerated().map { index, path in
            ResultsFolder(
                url: URL(fileURLWithPath: path), name: names.isEmpty ? nil : names[index],
                subsets: chosen.isEmpty ? nil : Set(chosen.map(\.rawValue)))
        }
    }

    func run() async throws {
        let input = await LeaderboardInput.load(resolvedFolders())
        var failures = input.failures
        if let leaderboard = input.leaderboard(frames: frames, tracks: tracks) {
            let json = output.map(OutputDestination.init(path:)), table = csv.map(OutputDestination.init(path:))
            if !quiet {
                // Standard output holds only the JSON or CSV when one of them goes there.
                if json?.isStandardOutput == true || table?.isStandardOutput == true {
                    printError(leaderboard.table(), terminator: "")
                } else {
                    print(leaderboard.table(), terminator: "")
                }
            }
            failures += input.write(leaderboard, json: json, csv: table)
        }
        guard failures.isEmpty else {
            var message = "museval aggregate: \(failures.count) problem\(failures.count == 1 ? "" : "s"):\n"
            let shown = 20
            message += failures.prefix(shown).map { "  " + $0.description }.joined(separator: "\n") + "\n"
            if failures.count > shown { message += "  … and \(failures.count - shown) more\n" }
            printError(message, terminator: "")
            throw ExitCode(1)
        }
    }
}
