import ArgumentParser

/// `--jobs N`, with the same default (1) and words in every command.
public struct ParallelOptions: ParsableArguments {
    @Option(name: .customLong("jobs"), help: ArgumentHelp(
        "Tracks (for augment: examples) processed in parallel; each job holds one track in memory.",
        valueName: "n"))
    public var jobs: Int = 1

    public init() {}

    public func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }
}
