import Foundation
import MUSDB

/// Why one track could not be scored. The batch reports it with the track and goes on with
/// the others. Every message is one line that names the file (or track), says whose it is
/// (`reference:` for the dataset's stem or a `dir` reference file, `estimate:` for the
/// separator's file) and what is wrong.
public enum TrackEvaluationError: Error, Equatable, Sendable {
    /// An estimate file libsndfile cannot read.
    case unreadable(URL, reason: String)
    /// An estimate file holding NaN or infinite samples.
    case nonFinite(URL, count: Int)
    /// An estimate with a channel count that cannot be matched to the (sane) reference
    /// (only mono is adjusted, by duplication).
    case channelMismatch(URL, channels: Int, expected: Int)
    /// A silent estimate (its channels sum to zero everywhere): BSS Eval is undefined.
    case silentEstimate(URL, target: String)
    /// A silent reference target (e.g. a track without bass): museval rejects the track.
    case silentReference(track: String, target: String)
    /// The track lacks estimates for targets the other tracks of the folder have.
    case missingTargets(track: String, missing: [String], found: [String])
    /// Fewer than two targets and no vocals/accompaniment pair: museval scores nothing.
    case tooFewTargets(track: String, found: [String])
    /// Two estimate files for one target.
    case conflictingFiles(target: String, [URL])
    /// A reference file that cannot be used: unreadable, NaN/Inf samples, or another rate,
    /// channel count or length than its track (the dataset's fault, not the separator's).
    /// `reason` is the fault in words, without the path.
    case invalidReference(URL, reason: String)
    /// The reference audio could not be loaded for a reason not tied to one file.
    case referenceUnavailable(track: String, reason: String)
    /// The BSS Eval kernel failed.
    case scoringFailed(track: String, reason: String)
    /// The score file (or its provenance sidecar) could not be written; `reason` in words.
    case writeFailed(URL, reason: String)

    /// The reference-side error for a failure of the dataset's `Track` loading.
    public static func reference(_ error: Error, track: String) -> TrackEvaluationError {
        if let error = error as? MUSDBError, let url = error.file {
            let text = error.description
            let prefix = url.path + ": "
            return .invalidReference(url, reason: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
        }
        return .referenceUnavailable(track: track, reason: String(describing: error))
    }

    /// The file the problem is about, when there is one.
    public var file: URL? {
        switch self {
        case let .unreadable(url, _), let .nonFinite(url, _), let .channelMismatch(url, _, _),
            let .silentEstimate(url, _), let .writeFailed(url, _), let .invalidReference(url, _):
            return url
        case let .conflictingFiles(_, urls):
            return urls.first
        default:
            return nil
        }
    }

    /// Whose file is at fault.
    public var side: FaultSide {
        switch self {
        case .unreadable, .nonFinite, .channelMismatch, .silentEstimate, .missingTargets, .tooFewTargets,
            .conflictingFiles:
            return .estimate
        case .silentReference, .invalidReference, .referenceUnavailable:
            return .reference
        case .writeFailed:
            return .output
        case .scoringFailed:
            return .none
        }
    }
}

extension TrackEvaluationError: CustomStringConvertible, LocalizedError {
    public var description: String {
        let text: String
        switch self {
        case let .unreadable(url, reason):
            text = "\(url.path): estimate: cannot be read: \(reason)"
        case let .nonFinite(url, count):
            text =
                "\(url.path): estimate: \(count) NaN or infinite sample\(count == 1 ? "" : "s"); BSS Eval needs finite audio"
        case let .channelMismatch(url, channels, expected):
            text =
                "\(url.path): estimate: \(channels) channels, but the reference has \(expected) "
                + "(only mono is converted, by duplication)"
        case let .silentEstimate(url, target):
            text = "\(url.path): estimate: the \(target) estimate is silent; BSS Eval is undefined for a silent source"
        case let .silentReference(track, target):
            text =
                "track '\(track)': reference: the \(target) reference is silent; museval rejects the track "
                + "(remove the \(target) estimate to score the other targets)"
        case let .missingTargets(track, missing, found):
            text =
                "track '\(track)': estimate: no estimate for \(missing.joined(separator: ", ")) "
                + "(found \(found.isEmpty ? "none" : found.joined(separator: ", ")); the other tracks have them)"
        case let .tooFewTargets(track, found):
            text =
                "track '\(track)': estimate: at least two estimates are needed (or vocals and accompaniment); "
                + "found \(found.isEmpty ? "none" : found.joined(separator: ", "))"
        case let .conflictingFiles(target, urls):
            text =
                "estimate: several files for the \(target) target: " + urls.map(\.path).joined(separator: ", ")
                + "; remove all but one, or give the extension in --layout"
        case let .invalidReference(url, reason):
            text = "\(url.path): reference: \(reason)"
        case let .referenceUnavailable(track, reason):
            text = "track '\(track)': reference: cannot be loaded: \(reason)"
        case let .scoringFailed(track, reason):
            text = "track '\(track)': BSS Eval failed: \(reason)"
        case let .writeFailed(url, reason):
            text = "\(url.path): output: cannot write the scores: \(reason)"
        }
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    public var errorDescription: String? { description }
}
