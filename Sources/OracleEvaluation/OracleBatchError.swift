import Foundation
import MUSDB
import MUSEval

/// Why `museval oracle` could not separate one track; the batch reports it and goes on.
/// Each message is one line naming the file or track and whose fault it is.
public enum OracleBatchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stem (or the mixture) of the dataset cannot be used: `Track`'s validation failed.
    case invalidReference(MUSDBError)
    /// An oracle estimate came out with NaN or infinite samples; nothing was written.
    case nonFiniteEstimate(track: String, target: String, count: Int)
    /// `mrstft`: no resolution has a finite SDR (a silent track?).
    case noFiniteResolution(track: String)

    public var description: String {
        switch self {
        case .invalidReference(let error):
            // The same words `museval evaluate` uses for a broken stem.
            guard error.file != nil else { return "reference: \(error)" }
            return TrackEvaluationError.reference(error, track: "").description
        case let .nonFiniteEstimate(track, target, count):
            return "track '\(track)': the oracle's \(target) estimate has \(count) NaN or infinite sample"
                + "\(count == 1 ? "" : "s"); not written"
        case .noFiniteResolution(let track):
            return "track '\(track)': no resolution has a finite SDR (silent track?)"
        }
    }
}
