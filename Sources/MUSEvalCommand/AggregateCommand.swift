import ArgumentParser
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

            Example: museval aggregate results/IRM2 results/TAK1 -o leaderboard.json --csv scores.csv
            """)

    @Argument(help: ArgumentHelp("Method results folders.", valueName: "RESULTS_DIR"))
    var folders: [String]

    @Option(
        name: .customLong("name"), parsing: .singleValue,
        help: ArgumentHelp(
            "Method name for each RESULTS_DIR, in order (default: the folder name; for a folder named test, its parent's).",
            valueName: "NAME"))
    var names: [String] = []

    @Option(help: "Aggregation over the frames of a track: median or mean.")
    var frames: Aggregation = .median

    @Option(help: "Aggregation over tracks: median or mean.")
    var tracks: Aggregation = .median

    @Option(
        name: .customLong("subset"), parsing: .singleValue,
        help: ArgumentHelp(
            "Read only these subset folders (repeatable; museval's own add_eval_dir reads only test).",
            valueName: "SUBSET"))
    var subsets: [String] = []

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
        folders.enumerated().map { index, path in
            ResultsFolder(
                url: URL(fileURLWithPath: path), name: names.isEmpty ? nil : names[index],
                subsets: subsets.isEmpty ? nil : Set(subsets))
        }
    }

    func run() async throws {
        let resultsFolders = resolvedFolders()
        var methods: [MethodScores] = []
        var failures: [ScoresFileError] = []
        for folder in resultsFolders {
            let (scores, problems) = await folder.load()
            methods.append(scores)
            failures += problems
        }
        let usable = methods.enumerated().filter { !$0.element.tracks.isEmpty }
        if !usable.isEmpty {
            let leaderboard = Leaderboard(
                methods: usable.map(\.element),
                folders: usable.map { resultsFolders[$0.offset].url.path },
                frames: frames, tracks: tracks)
            let json = output.map(OutputDestination.init(path:)), table = csv.map(OutputDestination.init(path:))
            if !quiet {
                // Standard output holds only the JSON or CSV when one of them goes there.
                if json?.isStandardOutput == true || table?.isStandardOutput == true {
                    FileHandle.standardError.write(Data(leaderboard.table().utf8))
                } else {
                    print(leaderboard.table(), terminator: "")
                }
            }
            func attempt(_ destination: OutputDestination?, _ write: (OutputDestination) throws -> Void) {
                guard let destination else { return }
                do {
                    try write(destination)
                } catch {
                    failures.append(
                        error as? ScoresFileError ?? .unwritable(path: destination.description, reason: "\(error)"))
                }
            }
            attempt(json) { destination in try leaderboard.write(to: destination) }
            attempt(table) { destination in try ScoresCSV.write(usable.map(\.element), to: destination) }
        }
        guard failures.isEmpty else {
            var message = "museval aggregate: \(failures.count) problem\(failures.count == 1 ? "" : "s"):\n"
            let shown = 20
            message += failures.prefix(shown).map { "  " + $0.description }.joined(separator: "\n") + "\n"
            if failures.count > shown { message += "  … and \(failures.count - shown) more\n" }
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(1)
        }
    }
}

extension Aggregation: ExpressibleByArgument {}
