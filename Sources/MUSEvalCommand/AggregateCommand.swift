import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import MUSEval
import ScoreFiles

/// `museval aggregate`: reads the per-track JSON of one or more methods and prints (and
/// optionally writes) their aggregate scores and rankings, saying what each number was
/// computed on and whether the methods can be compared.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Aggregate per-track museval JSON scores of one or more methods into a leaderboard.",
        discussion: """
            Each RESULTS_DIR is one method's output folder as museval writes it (OUT/<subset>/<track>.json): \
            a folder with test/ and/or train/ subfolders, or a folder holding the .json files directly. \
            Only test/ is read unless --subsets says otherwise, as museval's add_eval_dir. Scores are \
            aggregated like museval's MethodStore: per track, target and metric over the frames (NaN \
            frames skipped), then over the tracks (NaN tracks skipped). The hidden .<track>.global \
            sidecars museval writes add the whole-track uSDR and SI-SDR.

            The table's header lists per method its subsets, track count, window, hop and mode; methods \
            scored with other settings or on other tracks are flagged (--strict refuses them, \
            --common-tracks restricts every method to the tracks all of them have).

            Files that cannot be read are reported at the end; the other files are still aggregated, \
            and the exit status is non-zero.

            -o -, --csv - or --per-track-csv - writes that file to standard output instead (one of them \
            at a time); the table then goes to standard error, so standard output holds only that file.

            Examples:
              museval aggregate results/IRM2 results/TAK1 -o leaderboard.json --csv scores.csv
              museval aggregate sisec18/* --format latex --rows methods --metrics SDR --decimals 2
            """)

    @OptionGroup var results: ResultsOptions
    @OptionGroup var table: TableOptions

    @Option(help: "Table format: text (terminal), markdown, latex (booktabs tabular) or csv.")
    var format: TableFormat = .text

    @Option(
        name: [.short, .customLong("output"), .customLong("json")],
        help: ArgumentHelp(
            "Write the leaderboard JSON here (- for standard output; pandas.json_normalize(doc['records']) reads it).",
            valueName: "leaderboard.json"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Write every frame score as a long CSV table here (museval's df columns; - for standard output).",
            valueName: "scores.csv"))
    var csv: String?

    @Option(
        name: .customLong("per-track-csv"),
        help: ArgumentHelp(
            "Write one row per method, track, target and metric (the frame aggregate, uSDR, SI-SDR) here.",
            valueName: "tracks.csv"))
    var perTrackCSV: String?

    @Flag(help: "Do not print the table.")
    var quiet = false

    func validate() throws {
        let dashes = [("-o", output), ("--csv", csv), ("--per-track-csv", perTrackCSV)].filter { $0.1 == "-" }
        if dashes.count > 1 {
            throw ValidationError(
                dashes.map { "\($0.0) -" }.joined(separator: " and ")
                    + " would both write to standard output; send all but one of them to a file")
        }
    }

    func run() async throws {
        let input = await LeaderboardInput.load(results.resolvedFolders())
        var failures = input.failures
        if let leaderboard = try results.leaderboard(of: input, command: "aggregate") {
            let destinations = [output, csv, perTrackCSV].map { $0.map(OutputDestination.init(path:)) }
            if !quiet {
                let text = table.table(for: leaderboard, format: format).render(leaderboard)
                // Standard output holds only the JSON or CSV when one of them goes there.
                if destinations.contains(where: { $0?.isStandardOutput == true }) {
                    printError(text, terminator: "")
                } else {
                    print(text, terminator: "")
                }
            }
            failures += input.write(
                leaderboard, json: destinations[0], csv: destinations[1], perTrackCSV: destinations[2])
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
