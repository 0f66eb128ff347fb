import ArgumentParser
import MUSEval

@main
struct MUSEvalTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "museval",
        abstract: "Score source-separation estimates with framewise BSS Eval v4.",
        discussion: """
            Every command that reads a dataset takes --root ROOT (or --musdb ROOT, or $MUSDB_PATH) \
            and --is-wav; --subsets train,test chooses subsets, -o/--output the output, --jobs N the \
            parallel jobs (default 1), as in musdb.

            Example:
              museval separated/htdemucs --root ~/MUSDB18-HQ --is-wav --subsets test -o scores
            """,
        version: "museval \(MUSEvalVersion.version) (musdb-museval, \(MUSEvalVersion.compatibility))",
        subcommands: [EvaluateCommand.self, DirCommand.self, AggregateCommand.self, OracleCommand.self],
        defaultSubcommand: EvaluateCommand.self)
}
