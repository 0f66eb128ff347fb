import ArgumentParser

@main
struct MUSEvalTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "museval",
        abstract: "Score source-separation estimates with framewise BSS Eval v4.")
}
