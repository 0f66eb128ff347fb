/// Multichannel audio in memory: planar `Double` samples (`channels[c][frame]`) and a rate.
///
/// Samples are full-scale ±1.0 (a 16-bit sample `k` reads as `k / 32768`, as in Python
/// `soundfile`). Planar storage makes per-channel DSP simple; `interleaved` converts for
/// file and library APIs that want frame-major data.
public struct AudioBuffer: Sendable, Equatable {
    /// Frames per second.
    public var sampleRate: Int
    /// One array of samples per channel; all have the same length.
    public var channels: [[Double]]

    /// Planar samples. All channels must have the same number of frames.
    public init(sampleRate: Int, channels: [[Double]]) {
        precondition(Set(channels.map(\.count)).count <= 1, "AudioBuffer: channels of different lengths")
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Silence of the given shape.
    public init(sampleRate: Int, frameCount: Int, channelCount: Int) {
        self.init(
            sampleRate: sampleRate,
            channels: [[Double]](repeating: [Double](repeating: 0, count: frameCount), count: channelCount))
    }

    /// Frame-major samples (`[l0, r0, l1, r1, …]`); a trailing partial frame is dropped.
    public init(sampleRate: Int, interleaved: [Double], channelCount: Int) {
        precondition(channelCount > 0, "AudioBuffer: channelCount must be positive")
        let frames = interleaved.count / channelCount
        var planar = [[Double]]()
        planar.reserveCapacity(channelCount)
        interleaved.withUnsafeBufferPointer { source in
            for c in 0..<channelCount {
                planar.append(
                    [Double](unsafeUninitializedCapacity: frames) { out, count in
                        for f in 0..<frames { out[f] = source[f * channelCount + c] }
                        count = frames
                    })
            }
        }
        self.init(sampleRate: sampleRate, channels: planar)
    }

    /// Number of channels.
    public var channelCount: Int { channels.count }
    /// Number of frames (samples per channel).
    public var frameCount: Int { channels.first?.count ?? 0 }
    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    /// Frame-major samples (`[l0, r0, l1, r1, …]`).
    public var interleaved: [Double] {
        let channelCount = self.channelCount, frames = frameCount
        return [Double](unsafeUninitializedCapacity: channelCount * frames) { out, count in
            for (c, channel) in channels.enumerated() {
                channel.withUnsafeBufferPointer { source in
                    for f in 0..<frames { out[f * channelCount + c] = source[f] }
                }
            }
            count = channelCount * frames
        }
    }

    /// The frames in `range` (clamped to the buffer).
    public func frames(_ range: Range<Int>) -> AudioBuffer {
        let clamped = range.clamped(to: 0..<frameCount)
        return AudioBuffer(sampleRate: sampleRate, channels: channels.map { Array($0[clamped]) })
    }

    /// The largest absolute sample value over all channels (0 for an empty buffer).
    public var peak: Double {
        channels.reduce(0) { max($0, $1.reduce(0) { max($0, abs($1)) }) }
    }

    /// The largest absolute sample value of each channel.
    public var channelPeaks: [Double] {
        channels.map { $0.reduce(0) { max($0, abs($1)) } }
    }
}
