/// The array transforms. Each touches only the sources it is given and is exact: gains
/// multiply every sample once, swaps and sign flips move or negate samples, so
/// `gain 1`, no swap and no flip return the example bit for bit.
extension Example {
    /// Exchanges the first two channels of source `source` (a mono source is left alone).
    public mutating func swapChannels(ofSource source: Int) {
        guard sources[source].count >= 2 else { return }
        sources[source].swapAt(0, 1)
    }

    /// Multiplies source `source` by `gain`.
    public mutating func applyGain(_ gain: Double, toSource source: Int) {
        guard gain != 1 else { return }
        for c in sources[source].indices {
            sources[source][c].withUnsafeMutableBufferPointer { samples in
                for i in samples.indices { samples[i] *= gain }
            }
        }
    }

    /// Negates source `source` (Demucs' `FlipSign`).
    public mutating func flipSign(ofSource source: Int) {
        for c in sources[source].indices {
            sources[source][c].withUnsafeMutableBufferPointer { samples in
                for i in samples.indices { samples[i] = -samples[i] }
            }
        }
    }

    /// Multiplies every source by `factor` (the clipping guard).
    public mutating func scale(by factor: Double) {
        guard factor != 1 else { return }
        for s in sources.indices { applyGain(factor, toSource: s) }
    }

    /// The frames `start ..< start + count` of every source, zero-padded past the end.
    public func excerpt(start: Int, count: Int) -> Example {
        var copy = self
        copy.sources = sources.map { source in
            source.map { channel in
                var out = [Double](repeating: 0, count: count)
                let available = max(0, min(count, channel.count - start))
                if available > 0 { out.replaceSubrange(0..<available, with: channel[start..<(start + available)]) }
                return out
            }
        }
        return copy
    }

    /// Every source pitch-shifted by `semitones` and played `rate` times faster, all the
    /// same way so they stay aligned (see `pitchShift`). The result has `count / rate`
    /// frames, rounded; identity settings return the example unchanged.
    public func repitched(semitones: Double, rate: Double) throws -> Example {
        guard semitones != 0 || rate != 1 else { return self }
        var copy = self
        copy.sources = try sources.map { try pitchShift($0, semitones: semitones, rate: rate, sampleRate: sampleRate) }
        return copy
    }
}
