/// The outcome of a batch: one entry per track, in the order the jobs were given.
public struct BatchReport: Sendable {
    public var outcomes: [TrackOutcome]
    /// With `force`: score files of another origin in the output folders that this run did
    /// not replace (tracks it does not score); they are listed in the summary.
    public var otherOrigins: [OriginConflict]

    public init(outcomes: [TrackOutcome], otherOrigins: [OriginConflict] = []) {
        self.outcomes = outcomes
        self.otherOrigins = otherOrigins
    }

    /// Tracks scored in this run.
    public var scored: [TrackOutcome] {
        outcomes.filter {
            if case .scored = $0.status { return true }; return false
        }
    }
    /// Tracks skipped because their score files were up to date.
    public var upToDate: [TrackOutcome] {
        outcomes.filter {
            if case .upToDate = $0.status { return true }; return false
        }
    }
    /// Tracks that could not be scored.
    public var failed: [TrackOutcome] { outcomes.filter { $0.failure != nil } }

    /// True when no track failed.
    public var succeeded: Bool { failed.isEmpty }

    /// A few lines for the end of a run: counts, the warnings of skipped tracks kept from
    /// the run that scored them, score files of another origin left in place, then each
    /// failure with its reason.
    public var summary: String {
        var lines = ["\(scored.count) scored, \(upToDate.count) skipped as up to date, \(failed.count) failed"]
        for outcome in upToDate {
            for warning in outcome.keptWarnings {
                lines.append("  warning (kept from the earlier run): \(outcome.subset)/\(outcome.track): \(warning)")
            }
        }
        for conflict in otherOrigins {
            lines.append(
                "  warning: \(conflict.file.path): not rescored by this run and of another origin "
                    + "(\(conflict.found?.description ?? "unknown")); remove it or choose another folder")
        }
        for outcome in failed {
            lines.append(
                "  failed: \(outcome.subset)/\(outcome.track): \(outcome.failure!)"
                    + (outcome.removedStale
                        ? " (its earlier score file, made from other inputs or settings, was removed)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
