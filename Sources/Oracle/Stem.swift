/// A named multichannel signal: one source of a track, or one estimate of it.
///
/// Channels are planar (`channels[c][n]` is sample `n` of channel `c`) and all of the
/// same length, the layout of `Audio.AudioBuffer`.
public struct Stem: Sendable, Equatable {
    /// The source or target name, e.g. "vocals".
    public var name: String
    /// Planar samples, one array per channel.
    public var channels: [[Double]]

    public init(name: String, channels: [[Double]]) {
        self.name = name
        self.channels = channels
    }

    /// Number of channels.
    public var channelCount: Int { channels.count }
    /// Number of samples per channel (0 without channels).
    public var sampleCount: Int { channels.first?.count ?? 0 }
}
