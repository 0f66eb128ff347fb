import ArgumentParser

@main
struct MUSEvalTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "museval",
        abstract: "Score source-separation estimates with framewise BSS Eval v4.",
        // Planned: `evaluate` (the default subcommand) and `dir` join this list.
        subcommands: [AggregateCommand.self, OracleCommand.self])
}
