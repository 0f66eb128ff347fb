import MUSDB

/// One track of an `OracleBatch.run`, as it finished: skipped, separated (with notes for
/// the log) or failed.
public struct OracleTrackReport: Sendable {
    public let track: Track
    public let result: Result<OracleBatch.Outcome, any Error>

    public init(track: Track, result: Result<OracleBatch.Outcome, any Error>) {
        self.track = track
        self.result = result
    }

    /// `subset/name`, how the log names the track.
    public var label: String { "\(track.subset.rawValue)/\(track.name)" }
}
