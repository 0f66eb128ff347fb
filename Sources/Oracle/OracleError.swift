/// Why an oracle separator cannot run on the signals it was given.
public enum OracleError: Error, Equatable, CustomStringConvertible {
    /// No sources to separate into.
    case noSources
    /// The mixture has no channels.
    case noChannels
    /// A source has another channel count than the mixture.
    case channelCountMismatch(source: String, expected: Int, found: Int)
    /// A channel of the mixture or of a source has another length than the mixture's first.
    case lengthMismatch(signal: String, expected: Int, found: Int)
    /// The multichannel Wiener filter here handles mono and stereo only.
    case unsupportedChannelCount(method: String, channels: Int)
    /// A separator parameter is out of range.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .noSources:
            return "oracle separation needs at least one source"
        case .noChannels:
            return "the mixture has no channels"
        case let .channelCountMismatch(source, expected, found):
            return "source \"\(source)\" has \(found) channels but the mixture has \(expected)"
        case let .lengthMismatch(signal, expected, found):
            return "\(signal) has \(found) samples per channel but the mixture has \(expected); "
                + "oracle separation needs sources aligned with the mixture"
        case let .unsupportedChannelCount(method, channels):
            return "\(method) supports 1 or 2 channels, not \(channels)"
        case let .invalidParameter(message):
            return message
        }
    }
}
