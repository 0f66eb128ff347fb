extension AudioBuffer {
    /// The number of NaN or infinite samples: one such sample makes every sum, filter and
    /// score computed from the buffer NaN, so readers check this before any arithmetic.
    public var nonFiniteSampleCount: Int {
        var count = 0
        for channel in channels {
            channel.withUnsafeBufferPointer { samples in
                for sample in samples where !sample.isFinite { count += 1 }
            }
        }
        return count
    }
}
