extension AudioBuffer {
    /// The sample-wise sum `self + gain * other`.
    ///
    /// Both buffers must have the same rate and shape. Sums of 16-bit sources (multiples
    /// of 2⁻¹⁵ well inside ±2⁵²) are exact in `Double`, so the order of summation does
    /// not matter for MUSDB targets.
    public func adding(_ other: AudioBuffer, gain: Double = 1) -> AudioBuffer {
        precondition(
            other.sampleRate == sampleRate && other.channelCount == channelCount
                && other.frameCount == frameCount, "AudioBuffer.adding: shapes or rates differ")
        var result = self
        for c in 0..<channelCount {
            other.channels[c].withUnsafeBufferPointer { source in
                result.channels[c].withUnsafeMutableBufferPointer { target in
                    if gain == 1 {
                        for f in 0..<target.count { target[f] += source[f] }
                    } else {
                        for f in 0..<target.count { target[f] += gain * source[f] }
                    }
                }
            }
        }
        return result
    }

    /// Every sample multiplied by `gain`.
    public func scaled(by gain: Double) -> AudioBuffer {
        AudioBuffer(sampleRate: sampleRate, channels: channels.map { $0.map { $0 * gain } })
    }
}
