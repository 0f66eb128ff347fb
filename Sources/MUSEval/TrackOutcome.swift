import Foundation

/// What happened to one track of a batch.
public struct TrackOutcome: Sendable {
    public enum Status: Sendable {
        /// Scored; the score file and its provenance sidecar were written.
        case scored
        /// Skipped: its score file stands for the same inputs and settings.
        case upToDate
        /// Not scored, with the reason.
        case failed(TrackEvaluationError)
    }

    /// The track name.
    public var track: String
    /// Its subset.
    public var subset: String
    /// The score file.
    public var output: URL
    /// What happened.
    public var status: Status
    /// Changes made to the inputs (resampling, mono, length), one warning each.
    public var adjustments: [InputAdjustment]
    /// For a skipped track: the warnings its scoring run gave, kept in the sidecar.
    public var keptWarnings: [String]
    /// For a failed track: an earlier score file (made from other inputs or settings) was
    /// removed, so no stale result stands in for this run.
    public var removedStale: Bool

    public init(
        track: String, subset: String, output: URL, status: Status, adjustments: [InputAdjustment] = [],
        keptWarnings: [String] = [], removedStale: Bool = false
    ) {
        self.track = track
        self.subset = subset
        self.output = output
        self.status = status
        self.adjustments = adjustments
        self.keptWarnings = keptWarnings
        self.removedStale = removedStale
    }

    /// The failure, if the track failed.
    public var failure: TrackEvaluationError? {
        if case let .failed(error) = status { return error }
        return nil
    }
}
