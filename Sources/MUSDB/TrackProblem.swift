import Audio
import Foundation

/// A track (or a subset folder) that `Database` could not index, and why.
///
/// Indexing records these instead of throwing, so one broken track never hides the others:
/// the healthy tracks are in `Database.tracks`, the rest in `Database.problems`. It is an
/// `Error` too, so asking for a broken track by name throws its problem.
public struct TrackProblem: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The subset folder the entry is in.
    public var subset: Subset
    /// The track name (the folder or `.stem.mp4` name); nil when the subset folder itself
    /// cannot be listed.
    public var track: String?
    /// The file or folder at fault.
    public var url: URL
    /// What is wrong with it, in words, without the path.
    public var reason: String

    public init(subset: Subset, track: String?, url: URL, reason: String) {
        self.subset = subset
        self.track = track
        self.url = url
        self.reason = reason
    }

    /// The problem behind an indexing error: the file it names and its message without the
    /// leading path.
    init(subset: Subset, track: String, fallbackURL: URL, error: Error) {
        let url = (error as? MUSDBError)?.file ?? (error as? AudioError)?.file ?? fallbackURL
        let text = "\(error)", prefix = url.path + ": "
        self.init(
            subset: subset, track: track, url: url,
            reason: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
    }

    /// One line naming the file, the track and the fault.
    public var description: String {
        guard let track else { return "\(url.path): the \(subset.rawValue) folder cannot be listed (\(reason))" }
        return "\(url.path): track '\(track)' (\(subset.rawValue)) cannot be indexed: \(reason)"
    }

    public var errorDescription: String? { description }
}
