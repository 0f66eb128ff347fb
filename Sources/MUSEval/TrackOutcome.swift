import Foundation

/// What happened to one track of a batch.
public struct TrackOutcome: Sendable {
    public enum Status: Sendable {
        /// Scored; the score file was written.
        case scored
        /// Skipped: its score file is complete and newer than its inputs.
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

    public init(track: String, subset: String, output: URL, status: Status, adjustments: [InputAdjustment] = []) {
        self.track = track
        self.subset = subset
        self.output = output
        self.status = status
        self.adjustments = adjustments
    }

    /// The failure, if the track failed.
    public var failure: TrackEvaluationError? {
        if case let .failed(error) = status { return error }
        return nil
    }
}
