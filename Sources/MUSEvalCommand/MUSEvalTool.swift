import ArgumentParser

@main
struct MUSEvalTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "museval",
        abstract: "Score source-separation estimates with framewise BSS Eval v4.",
        subcommands: [EvaluateCommand.self, DirCommand.self, AggregateCommand.self, OracleCommand.self],
        defaultSubcommand: EvaluateCommand.self)

    static func main() async {
        MallocSettings.apply()
        await main(nil)
    }
}
