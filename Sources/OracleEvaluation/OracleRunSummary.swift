/// What an `OracleBatch.run` did, counted over its tracks.
public struct OracleRunSummary: Sendable, Equatable {
    /// Tracks separated and written.
    public var separated: Int
    /// Tracks whose estimates existed already.
    public var skipped: Int
    /// The tracks that failed (`subset/name`), in the order given.
    public var failedTracks: [String]

    public init(separated: Int = 0, skipped: Int = 0, failedTracks: [String] = []) {
        self.separated = separated
        self.skipped = skipped
        self.failedTracks = failedTracks
    }

    /// Every track of the run.
    public var trackCount: Int { separated + skipped + failedTracks.count }

    /// True when no track failed.
    public var succeeded: Bool { failedTracks.isEmpty }
}
