import ArgumentParser
import CommandSupport
import Foundation
import ScoreFiles

/// What `museval aggregate` and `museval report` read and how they make it comparable: the
/// results folders, their names, the subsets, the aggregation, `--common-tracks` and
/// `--strict`. One option group, so both commands read the same folders the same way.
struct ResultsOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Method results folders (OUT/<subset>/<track>.json).", valueName: "RESULTS_DIR"))
    var folders: [String]

    @Option(
        name: .customLong("name"), parsing: .singleValue,
        help: ArgumentHelp(
            "Method name for each RESULTS_DIR, in order (default: the folder name; for a folder named test, its parent's).",
            valueName: "NAME"))
    var names: [String] = []

    @Option(
        parsing: .singleValue,
        help: SubsetSelection.help(
            "Subset folders to read",
            "default: test, as museval's add_eval_dir; a folder of score files without subset folders is read as it is"
        ))
    var subsets: [SubsetSelection] = []

    /// `--subset`, the earlier spelling of `--subsets`.
    @Option(name: .customLong("subset"), parsing: .singleValue, help: .hidden)
    var legacySubsets: [SubsetSelection] = []

    @Option(help: "Aggregation over the frames of a track (NaN frames skipped).")
    var frames: Aggregation = .median

    @Option(help: "Aggregation over the tracks (NaN tracks skipped).")
    var tracks: Aggregation = .median

    @Flag(
        name: .customLong("common-tracks"),
        help: "Restrict every method to the tracks all of them have, so every number is over the same tracks.")
    var commonTracks = false

    @Flag(
        help: """
            Refuse to rank methods that are not comparable (other window, hop or mode; other tracks or \
            subsets): exit status 1 with the reasons, instead of a flagged table.
            """)
    var strict = false

    func validate() throws {
        if !names.isEmpty && names.count != folders.count {
            throw ValidationError("give one --name per RESULTS_DIR (\(folders.count) folders, \(names.count) names)")
        }
        let resolved = resolvedFolders().map(\.name)
        if let duplicate = resolved.first(where: { name in resolved.filter { $0 == name }.count > 1 }) {
            throw ValidationError("two RESULTS_DIR have the method name \"\(duplicate)\"; tell them apart with --name")
        }
    }

    /// The subsets read: those given, else test.
    var chosenSubsets: [String] {
        let chosen = SubsetSelection.merged(subsets + legacySubsets)
        return chosen.isEmpty ? ["test"] : chosen.map(\.rawValue)
    }

    func resolvedFolders() -> [ResultsFolder] {
        folders.enumerated().map { index, path in
            ResultsFolder(
                url: URL(fileURLWithPath: path), name: names.isEmpty ? nil : names[index],
                subsets: Set(chosenSubsets))
        }
    }

    /// The leaderboard of `input` with these options, nil when no method had a usable file;
    /// under `--strict` a mismatch is printed (as `command`'s) and the exit status is 1.
    func leaderboard(of input: LeaderboardInput, command: String) throws -> Leaderboard? {
        guard let leaderboard = input.leaderboard(frames: frames, tracks: tracks, commonTracks: commonTracks) else {
            return nil
        }
        if strict {
            do { try leaderboard.requireComparable() } catch {
                printError("museval \(command): \(error)")
                throw ExitCode(1)
            }
        }
        return leaderboard
    }
}
