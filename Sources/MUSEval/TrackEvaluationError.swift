import Foundation

/// Why one track could not be scored. The batch reports it with the track and goes on with
/// the others; every message names the file (or target) and what is wrong.
public enum TrackEvaluationError: Error, Equatable, Sendable {
    /// An estimate file libsndfile cannot read.
    case unreadable(URL, reason: String)
    /// An estimate file holding NaN or infinite samples.
    case nonFinite(URL, count: Int)
    /// An estimate with a channel count that cannot be matched to the reference (only mono
    /// is adjusted, by duplication).
    case channelMismatch(URL, channels: Int, expected: Int)
    /// A silent estimate (its channels sum to zero everywhere): BSS Eval is undefined.
    case silentEstimate(URL, target: String)
    /// A silent reference target (e.g. a track without bass): museval rejects the track.
    case silentReference(track: String, target: String)
    /// The track lacks targets the other tracks of the folder have.
    case missingTargets(track: String, missing: [String], found: [String])
    /// Fewer than two targets and no vocals/accompaniment pair: museval scores nothing.
    case tooFewTargets(track: String, found: [String])
    /// Two files for one target.
    case conflictingFiles(target: String, [URL])
    /// The reference audio could not be loaded from the dataset.
    case referenceUnavailable(track: String, reason: String)
    /// The BSS Eval kernel failed.
    case scoringFailed(track: String, reason: String)
    /// The score file could not be written.
    case writeFailed(URL, reason: String)

    /// The file the problem is about, when there is one.
    public var file: URL? {
        switch self {
        case let .unreadable(url, _), let .nonFinite(url, _), let .channelMismatch(url, _, _),
             let .silentEstimate(url, _), let .writeFailed(url, _):
            return url
        case let .conflictingFiles(_, urls):
            return urls.first
        default:
            return nil
        }
    }
}

extension TrackEvaluationError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .unreadable(url, reason):
            return "\(url.path): cannot read the estimate: \(reason)"
        case let .nonFinite(url, count):
            return "\(url.path): \(count) NaN or infinite sample\(count == 1 ? "" : "s"); BSS Eval needs finite audio"
        case let .channelMismatch(url, channels, expected):
            return "\(url.path): \(channels) channels, but the reference has \(expected) (only mono is converted, by duplication)"
        case let .silentEstimate(url, target):
            return "\(url.path): the \(target) estimate is silent; BSS Eval is undefined for a silent source"
        case let .silentReference(track, target):
            return "track '\(track)': the \(target) reference is silent; museval rejects the track "
                + "(remove the \(target) estimate to score the other targets)"
        case let .missingTargets(track, missing, found):
            return "track '\(track)': no estimate for \(missing.joined(separator: ", ")) "
                + "(found \(found.isEmpty ? "none" : found.joined(separator: ", ")); the other tracks have them)"
        case let .tooFewTargets(track, found):
            return "track '\(track)': at least two estimates are needed (or vocals and accompaniment); "
                + "found \(found.isEmpty ? "none" : found.joined(separator: ", "))"
        case let .conflictingFiles(target, urls):
            return "several files for the \(target) target: " + urls.map(\.path).joined(separator: ", ")
                + "; remove all but one, or give the extension in --layout"
        case let .referenceUnavailable(track, reason):
            return "track '\(track)': cannot load the reference: \(reason)"
        case let .scoringFailed(track, reason):
            return "track '\(track)': BSS Eval failed: \(reason)"
        case let .writeFailed(url, reason):
            return "\(url.path): cannot write the scores: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
