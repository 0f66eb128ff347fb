import Foundation
import ScoreFiles

/// One track to score in a batch: where its scores go, what produced them (origin: method,
/// references, settings), which files they depend on, and the work itself (load, adjust,
/// score), run by `BatchEvaluator`.
public struct TrackJob: Sendable {
    /// The track name (the score file's stem).
    public var track: String
    /// The subset folder the score file goes to.
    public var subset: String
    /// `OUTPUT/<subset>/<track>.json`.
    public var output: URL
    /// The estimate files the scores depend on.
    public var inputs: [URL]
    /// The reference files the scores depend on (the dataset's stems).
    public var references: [URL]
    /// The method, references and settings: the score file's origin.
    public var origin: ScoreOrigin
    /// The targets a complete score file lists, in order; nil when the job cannot succeed.
    public var expectedTargets: [String]?
    /// Loads, adjusts and scores; returns the scores and the adjustments made to the inputs.
    public var score: @Sendable () throws -> (TrackScores, [InputAdjustment])

    public init(
        track: String, subset: String, output: URL, inputs: [URL], references: [URL] = [],
        origin: ScoreOrigin, expectedTargets: [String]?,
        score: @escaping @Sendable () throws -> (TrackScores, [InputAdjustment])
    ) {
        self.track = track
        self.subset = subset
        self.output = output
        self.inputs = inputs
        self.references = references
        self.origin = origin
        self.expectedTargets = expectedTargets
        self.score = score
    }

    /// A job that fails with `error` without reading anything (a track with missing or
    /// conflicting estimates).
    public static func failing(
        track: String, subset: String, output: URL, origin: ScoreOrigin,
        error: TrackEvaluationError
    ) -> TrackJob {
        TrackJob(
            track: track, subset: subset, output: output, inputs: [], origin: origin,
            expectedTargets: nil
        ) { throw error }
    }

    /// The current fingerprints of the inputs, estimates then references (unreadable
    /// files left out, so a missing file never matches a recorded list).
    public func fingerprints() -> [InputFingerprint] {
        inputs.compactMap { InputFingerprint.of($0, role: .estimate) }
            + references.compactMap { InputFingerprint.of($0, role: .reference) }
    }
}
