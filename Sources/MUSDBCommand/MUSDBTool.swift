import ArgumentParser

@main
struct MUSDBTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "musdb",
        abstract: "Index, load, verify and augment the MUSDB18 / MUSDB18-HQ datasets.")
}
