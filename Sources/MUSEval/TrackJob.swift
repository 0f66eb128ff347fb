import Foundation

/// One track to score in a batch: where its scores go, which files they depend on, and the
/// work itself (load, adjust, score), run by `BatchEvaluator`.
public struct TrackJob: Sendable {
    /// The track name (the score file's stem).
    public var track: String
    /// The subset folder the score file goes to.
    public var subset: String
    /// `OUTPUT/<subset>/<track>.json`.
    public var output: URL
    /// The estimate and reference files the scores depend on (for the up-to-date check).
    public var inputs: [URL]
    /// The targets a complete score file lists, in order; nil when the job cannot succeed.
    public var expectedTargets: [String]?
    /// Loads, adjusts and scores; returns the scores and the adjustments made to the inputs.
    public var score: @Sendable () throws -> (TrackScores, [InputAdjustment])

    public init(track: String, subset: String, output: URL, inputs: [URL], expectedTargets: [String]?,
                score: @escaping @Sendable () throws -> (TrackScores, [InputAdjustment])) {
        self.track = track
        self.subset = subset
        self.output = output
        self.inputs = inputs
        self.expectedTargets = expectedTargets
        self.score = score
    }

    /// A job that fails with `error` without reading anything (a track with missing or
    /// conflicting estimates).
    public static func failing(track: String, subset: String, output: URL,
                               error: TrackEvaluationError) -> TrackJob {
        TrackJob(track: track, subset: subset, output: output, inputs: [], expectedTargets: nil) { throw error }
    }
}
