extension AudioBuffer {
    /// The buffer converted to `rate` frames per second with libsamplerate (`Resampler`).
    ///
    /// The result has exactly `round(frameCount * rate / sampleRate)` frames. Resampling
    /// to the same rate returns the buffer untouched, since libsamplerate's `Float`
    /// arithmetic would otherwise add about 1e-7 relative error.
    public func resampled(to rate: Int, quality: ResamplingQuality = .best) throws -> AudioBuffer {
        guard rate > 0, sampleRate > 0 else {
            throw AudioError.invalidBuffer("cannot resample from \(sampleRate) Hz to \(rate) Hz")
        }
        guard rate != sampleRate else { return self }
        let ratio = Double(rate) / Double(sampleRate)
        let expected = Int((Double(frameCount) * ratio).rounded())
        let converted = try Resampler.resample(channels, ratio: ratio, outputCount: expected, quality: quality)
        return AudioBuffer(sampleRate: rate, channels: converted)
    }
}
