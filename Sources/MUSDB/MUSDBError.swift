import Foundation

/// Problems finding or loading MUSDB18 data; every message names the path involved.
public enum MUSDBError: Error, Equatable, Sendable {
    /// Neither a root argument nor `MUSDB_PATH` was given.
    case noRoot
    /// The root folder does not exist.
    case rootNotFound(URL)
    /// The root exists but has neither a `train` nor a `test` folder.
    case notADatasetRoot(URL)
    /// `split` was used with subsets other than `train` alone.
    case splitNeedsTrainSubset
    /// A track has no mixture file (HQ layout: `mixture.wav`).
    case missingMixture(track: String, url: URL)
    /// A source file (HQ layout) is missing for a track.
    case missingSource(track: String, source: String, url: URL)
    /// No track of that name in the database.
    case unknownTrack(String)
    /// A target name that is not defined for the track.
    case unknownTarget(String)
    /// A subset or split name that is not train/test or train/valid.
    case unknownSubset(String)
    case unknownSplit(String)
    /// A manifest file that cannot be read or parsed.
    case invalidManifest(URL, reason: String)
    /// Writing output failed.
    case writeFailed(URL, reason: String)
    /// A stem (or the mixture) of a track that cannot be used as it is.
    case invalidStem(track: String, stem: String, url: URL, fault: StemFault)
    /// A stem mapping file (or profile name) that cannot be used.
    case invalidStemMapping(URL, reason: String)
    /// A split file that cannot be read or does not fit the dataset.
    case invalidSplitFile(URL, reason: String)
    /// The root is not laid out as the dataset kind asked for.
    case notALayout(URL, kind: DatasetKind, reason: String)
}

extension MUSDBError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .noRoot:
            return "no MUSDB18 root given: pass one or set the MUSDB_PATH environment variable"
        case .rootNotFound(let url):
            return "\(url.path): no such folder (the MUSDB18 root)"
        case .notADatasetRoot(let url):
            return "\(url.path): not a MUSDB18 root (it has neither a train nor a test folder)"
        case .splitNeedsTrainSubset:
            return "a train/valid split can only be used with the train subset alone"
        case .missingMixture(let track, let url):
            return "\(url.path): missing mixture of track '\(track)'"
        case .missingSource(let track, let source, let url):
            return "\(url.path): missing \(source) stem of track '\(track)'"
        case .unknownTrack(let name):
            return "no track named '\(name)'"
        case .unknownTarget(let name):
            return "no target named '\(name)' (targets: vocals, drums, bass, other, accompaniment, linear_mixture)"
        case .unknownSubset(let name):
            return "unknown subset '\(name)': use train, test or train,test"
        case .unknownSplit(let name):
            return "unknown split '\(name)': use train or valid"
        case .invalidManifest(let url, let reason):
            return "\(url.path): not a valid manifest (\(reason))"
        case .writeFailed(let url, let reason):
            return "\(url.path): writing failed (\(reason))"
        case let .invalidStem(track, stem, url, fault):
            return "\(url.path): the \(stem == "mixture" ? stem : stem + " stem") of track '\(track)' \(fault)"
        case let .invalidStemMapping(url, reason):
            return "\(url.path): not a usable stem mapping (\(reason))"
        case let .invalidSplitFile(url, reason):
            return "\(url.path): not a usable split file (\(reason))"
        case let .notALayout(url, kind, reason):
            return "\(url.path): not a \(kind.rawValue) root (\(kind.summary)): \(reason)"
        }
    }

    public var errorDescription: String? { description }

    /// The file at fault, when the error is about one.
    public var file: URL? {
        switch self {
        case let .missingMixture(_, url), let .missingSource(_, _, url), let .invalidStem(_, _, url, _),
            let .invalidManifest(url, _), let .writeFailed(url, _), let .rootNotFound(url), let .notADatasetRoot(url),
            let .invalidStemMapping(url, _), let .invalidSplitFile(url, _), let .notALayout(url, _, _):
            return url
        default:
            return nil
        }
    }
}
