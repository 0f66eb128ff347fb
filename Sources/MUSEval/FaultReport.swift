import Foundation
import MUSDB

/// How a fault met while a target's files are read is reported: as the estimate's, a `dir`
/// reference file's, or a dataset stem's (`TrackEvaluationError.reference`), each with the
/// message the whole-file read gives.
public struct FaultReport: Sendable {
    /// A file libsndfile cannot read (`reason` without the path).
    public let unreadable: @Sendable (_ url: URL, _ reason: String) -> TrackEvaluationError
    /// A file with `count` NaN or infinite samples.
    public let nonFinite: @Sendable (_ url: URL, _ count: Int) -> TrackEvaluationError

    /// The separator's file.
    public static let estimate = FaultReport(
        unreadable: { .unreadable($0, reason: $1) }, nonFinite: { .nonFinite($0, count: $1) })

    /// A reference file of `museval dir`.
    public static let reference = FaultReport(
        unreadable: { .invalidReference($0, reason: "cannot be read: " + $1) },
        nonFinite: { .invalidReference($0, reason: "holds \($1) NaN or infinite sample\($1 == 1 ? "" : "s")") })

    /// A stem of the dataset track `track`.
    public static func stem(_ stem: String, track: String) -> FaultReport {
        FaultReport(
            unreadable: { url, reason in
                .reference(
                    MUSDBError.invalidStem(track: track, stem: stem, url: url, fault: .unreadable(reason)), track: track
                )
            },
            nonFinite: { url, count in
                .reference(
                    MUSDBError.invalidStem(track: track, stem: stem, url: url, fault: .nonFinite(count: count)),
                    track: track)
            })
    }
}
