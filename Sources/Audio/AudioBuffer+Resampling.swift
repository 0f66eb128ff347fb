import CSampleRate

extension AudioBuffer {
    /// The buffer converted to `rate` frames per second with libsamplerate.
    ///
    /// The result has exactly `round(frameCount * rate / sampleRate)` frames (libsamplerate's
    /// own output count can be a frame short at the end; the gap is zero-padded).
    /// Numerical trap: libsamplerate computes in `Float`, so samples carry about 1e-7
    /// relative error even where the signal is unchanged; resampling to the same rate
    /// returns the buffer untouched instead.
    public func resampled(to rate: Int, quality: ResamplingQuality = .best) throws -> AudioBuffer {
        guard rate > 0, sampleRate > 0 else {
            throw AudioError.invalidBuffer("cannot resample from \(sampleRate) Hz to \(rate) Hz")
        }
        guard rate != sampleRate else { return self }
        guard channelCount > 0, frameCount > 0 else {
            return AudioBuffer(sampleRate: rate, channels: channels.map { _ in [] })
        }
        let ratio = Double(rate) / Double(sampleRate)
        let expected = Int((Double(frameCount) * ratio).rounded())
        let input = interleavedFloat
        // Room for libsamplerate's rounding of the output count.
        let capacity = expected + 16
        var output = [Float](repeating: 0, count: capacity * channelCount)
        var data = SRC_DATA()
        var generated = 0
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                data.data_in = source.baseAddress
                data.input_frames = CLong(frameCount)
                data.data_out = target.baseAddress
                data.output_frames = CLong(capacity)
                data.src_ratio = ratio
                data.end_of_input = 1
                let status = src_simple(&data, quality.converterType, Int32(channelCount))
                generated = Int(data.output_frames_gen)
                return status
            }
        }
        guard status == 0 else { throw AudioError.resamplingFailed(String(cString: src_strerror(status))) }
        let frames = min(generated, expected)
        var result = AudioBuffer(sampleRate: rate, frameCount: expected, channelCount: channelCount)
        output.withUnsafeBufferPointer { source in
            for c in 0..<channelCount {
                result.channels[c].withUnsafeMutableBufferPointer { target in
                    for f in 0..<frames { target[f] = Double(source[f * channelCount + c]) }
                }
            }
        }
        return result
    }
}
