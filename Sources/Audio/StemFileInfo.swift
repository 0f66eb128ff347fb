import Foundation

/// The streams of a multi-stream file such as a MUSDB18 `.stem.mp4`, as `ffprobe` reports them.
public struct StemFileInfo: Sendable, Equatable {
    /// One stream of the file (audio or not).
    public struct Stream: Sendable, Equatable {
        /// The stream index in the container (`-map 0:index`).
        public var index: Int
        /// `audio`, `video`, …
        public var codecType: String
        /// The codec name, e.g. `aac`.
        public var codecName: String
        /// Frames per second (0 for non-audio streams).
        public var sampleRate: Int
        /// Channels (0 for non-audio streams).
        public var channelCount: Int
        /// The stream length in its time base (`duration_ts`); for audio at a 1/rate time
        /// base this is the frame count Python `stempeg.Info.samples` reports.
        public var durationTimestamps: Int
        /// The stream duration in seconds as ffprobe prints it.
        public var duration: Double
        /// The `handler_name` tag, if any.
        public var title: String?

        public var isAudio: Bool { codecType == "audio" }
    }

    /// The file.
    public var url: URL
    /// All streams, in container order.
    public var streams: [Stream]

    /// The audio streams only.
    public var audioStreams: [Stream] { streams.filter(\.isAudio) }
    /// Number of audio streams (5 for MUSDB18: mixture, drums, bass, other, vocals).
    public var audioStreamCount: Int { audioStreams.count }
    /// The sample rate of the first audio stream (0 when there is none).
    public var sampleRate: Int { audioStreams.first?.sampleRate ?? 0 }
    /// The duration in seconds of the first audio stream.
    public var duration: Double { audioStreams.first?.duration ?? 0 }
}
