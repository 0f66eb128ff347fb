/// What is wrong with one stem of a track, found where the stem is loaded.
///
/// Every check compares the stem with its own track (the mixture's header), so a fault is
/// always the dataset's, never the separator's: callers that score estimates report it as
/// a broken reference.
public enum StemFault: Equatable, Sendable {
    /// The file cannot be decoded (the reason in words).
    case unreadable(String)
    /// NaN or infinite samples: every sum, filter and score computed from them is NaN.
    case nonFinite(count: Int)
    /// Another sample rate than the mixture's.
    case sampleRate(found: Int, expected: Int)
    /// Another channel count than the mixture's.
    case channelCount(found: Int, expected: Int)
    /// Another length than the mixture's (a truncated or padded stem).
    case length(found: Int, expected: Int)
}

extension StemFault: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let reason):
            return "cannot be read (\(reason))"
        case .nonFinite(let count):
            return "holds \(count) NaN or infinite sample\(count == 1 ? "" : "s")"
        case let .sampleRate(found, expected):
            return "is at \(found) Hz but the track's mixture is at \(expected) Hz"
        case let .channelCount(found, expected):
            return "has \(found) channel\(found == 1 ? "" : "s") but the track's mixture has \(expected)"
        case let .length(found, expected):
            return "has \(found) frames but the track's mixture has \(expected)"
                + (found < expected ? " (truncated?)" : "")
        }
    }
}
