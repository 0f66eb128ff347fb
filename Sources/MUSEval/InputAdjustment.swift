import Foundation

/// A change made to an estimate so it can be scored against its reference, reported to the
/// user as a warning that names the file.
public enum InputAdjustment: Sendable, Equatable, CustomStringConvertible {
    /// Resampled with libsamplerate (best quality) to the reference rate.
    case resampled(URL, from: Int, to: Int)
    /// A mono estimate duplicated to both channels.
    case duplicatedMono(URL)
    /// Zero-padded at the end to the reference length (museval's `pad_or_truncate`).
    case padded(URL, frames: Int)
    /// Cut at the reference length (museval's `pad_or_truncate`).
    case truncated(URL, frames: Int)

    /// The estimate file.
    public var file: URL {
        switch self {
        case let .resampled(url, _, _), let .duplicatedMono(url), let .padded(url, _), let .truncated(url, _):
            return url
        }
    }

    public var description: String {
        switch self {
        case let .resampled(url, from, to):
            return "\(url.path): resampled from \(from) Hz to the reference rate \(to) Hz"
        case let .duplicatedMono(url):
            return "\(url.path): mono, duplicated to stereo"
        case let .padded(url, frames):
            return
                "\(url.path): \(frames) frame\(frames == 1 ? "" : "s") shorter than the reference, zero-padded at the end"
        case let .truncated(url, frames):
            return "\(url.path): \(frames) frame\(frames == 1 ? "" : "s") longer than the reference, truncated"
        }
    }
}
