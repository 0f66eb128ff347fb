import ArgumentParser

/// `--jobs N`, with the same default (1) and words in every command. Like every numeric
/// option it takes a value starting with a minus sign, so `--jobs -1` is refused by the
/// range check, not as a missing value.
public struct ParallelOptions: ParsableArguments {
    @Option(
        name: .customLong("jobs"), parsing: .unconditional,
        help: ArgumentHelp(
            "Tracks (for augment: examples) processed in parallel; each job holds one track in memory.",
            valueName: "n"))
    public var jobs: Int = 1

    public init() {}

    public func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }
}
