import ArgumentParser
import BSSEval
import CommandSupport
import MUSEval

@main
struct MUSEvalTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "museval",
        abstract: "Score source-separation estimates with framewise BSS Eval v4.",
        discussion: """
            \(SharedVocabulary.summary)

            Example:
              museval separated/htdemucs --root ~/MUSDB18-HQ --is-wav -o scores
            """,
        version: "museval \(MUSEvalVersion.version) (musdb-museval, \(MUSEvalVersion.compatibility))",
        subcommands: [
            EvaluateCommand.self, DirCommand.self, AggregateCommand.self, ReportCommand.self, OracleCommand.self
        ],
        defaultSubcommand: EvaluateCommand.self)

    static func main() async {
        MallocSettings.apply()
        BSSEval.runBLASOnCallingThread()
        await main(nil)
    }
}
