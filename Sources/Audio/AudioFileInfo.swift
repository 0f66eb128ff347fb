import Foundation

/// What a sound file holds, read from its header without decoding the samples.
public struct AudioFileInfo: Sendable, Equatable {
    /// The file.
    public var url: URL
    /// Frames (samples per channel).
    public var frameCount: Int
    /// Frames per second.
    public var sampleRate: Int
    /// Number of channels.
    public var channelCount: Int
    /// The container as libsndfile names it, e.g. `WAV (Microsoft)`.
    public var formatName: String
    /// The sample encoding as libsndfile names it, e.g. `Signed 16 bit PCM`.
    public var encodingName: String
    /// The raw libsndfile format code (`SF_FORMAT_*` major | subtype).
    public var formatCode: Int32

    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    /// True for 16-bit integer PCM (the MUSDB18-HQ encoding).
    public var isPCM16: Bool { formatCode & 0xFFFF == 0x0002 }

    public init(
        url: URL, frameCount: Int, sampleRate: Int, channelCount: Int,
        formatName: String, encodingName: String, formatCode: Int32
    ) {
        self.url = url
        self.frameCount = frameCount
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.formatName = formatName
        self.encodingName = encodingName
        self.formatCode = formatCode
    }
}
