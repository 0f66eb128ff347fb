extension AudioBuffer {
    /// Frame-major samples, `Float` (for APIs and models that use single precision).
    public var interleavedFloat: [Float] { interleaved.map { Float($0) } }

    /// Planar samples, `Float`.
    public var floatChannels: [[Float]] { channels.map { $0.map { Float($0) } } }

    /// A buffer from frame-major `Float` samples (widened exactly to `Double`).
    public init(sampleRate: Int, interleavedFloat interleaved: [Float], channelCount: Int) {
        self.init(sampleRate: sampleRate, interleaved: interleaved.map { Double($0) }, channelCount: channelCount)
    }

    /// A buffer from planar `Float` samples (widened exactly to `Double`).
    public init(sampleRate: Int, floatChannels channels: [[Float]]) {
        self.init(sampleRate: sampleRate, channels: channels.map { $0.map { Double($0) } })
    }
}
