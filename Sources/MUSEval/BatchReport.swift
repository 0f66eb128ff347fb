/// The outcome of a batch: one entry per track, in the order the jobs were given.
public struct BatchReport: Sendable {
    public var outcomes: [TrackOutcome]

    public init(outcomes: [TrackOutcome]) { self.outcomes = outcomes }

    /// Tracks scored in this run.
    public var scored: [TrackOutcome] { outcomes.filter { if case .scored = $0.status { return true }; return false } }
    /// Tracks skipped because their score files were up to date.
    public var upToDate: [TrackOutcome] { outcomes.filter { if case .upToDate = $0.status { return true }; return false } }
    /// Tracks that could not be scored.
    public var failed: [TrackOutcome] { outcomes.filter { $0.failure != nil } }

    /// True when no track failed.
    public var succeeded: Bool { failed.isEmpty }

    /// A few lines for the end of a run: counts, then each failure with its reason.
    public var summary: String {
        var lines = ["\(scored.count) scored, \(upToDate.count) skipped as up to date, \(failed.count) failed"]
        for outcome in failed {
            lines.append("  failed: \(outcome.subset)/\(outcome.track): \(outcome.failure!)")
        }
        return lines.joined(separator: "\n")
    }
}
