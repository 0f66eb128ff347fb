extension AudioBuffer {
    /// One channel holding the mean of all channels (the usual downmix, no gain change
    /// for a centred source).
    public func mixedToMono() -> AudioBuffer {
        guard channelCount > 1 else { return self }
        var sum = channels[0]
        for c in 1..<channelCount {
            channels[c].withUnsafeBufferPointer { source in
                sum.withUnsafeMutableBufferPointer { target in
                    for f in 0..<target.count { target[f] += source[f] }
                }
            }
        }
        let scale = 1 / Double(channelCount)
        return AudioBuffer(sampleRate: sampleRate, channels: [sum.map { $0 * scale }])
    }

    /// Two channels: a mono buffer duplicated, a stereo buffer unchanged, more channels
    /// downmixed to mono first.
    public func duplicatedToStereo() -> AudioBuffer {
        switch channelCount {
        case 2: return self
        case 1: return AudioBuffer(sampleRate: sampleRate, channels: [channels[0], channels[0]])
        default:
            let mono = mixedToMono().channels.first ?? []
            return AudioBuffer(sampleRate: sampleRate, channels: [mono, mono])
        }
    }

    /// The buffer converted to 1 or 2 channels (other counts are returned unchanged).
    public func withChannelCount(_ count: Int) -> AudioBuffer {
        switch count {
        case 1: return mixedToMono()
        case 2: return duplicatedToStereo()
        default: return self
        }
    }
}
