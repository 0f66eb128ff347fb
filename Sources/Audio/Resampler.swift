import CSampleRate

/// Sample-rate conversion of planar channels by any ratio, with libsamplerate.
///
/// The one place the package calls libsamplerate: `AudioBuffer.resampled(to:)` converts
/// between integer rates through it, and pitch shifting uses any real ratio (2^(n/12)).
/// Numerical trap: libsamplerate computes in `Float`, so samples carry about 1e-7 relative
/// error even where the signal is unchanged; callers skip it when the ratio is 1.
public enum Resampler {
    /// `channels` resampled by `ratio` (output rate / input rate), trimmed or zero-padded
    /// to exactly `outputCount` samples per channel (libsamplerate's own output count can
    /// be a frame short at the end).
    public static func resample(
        _ channels: [[Double]], ratio: Double, outputCount: Int,
        quality: ResamplingQuality = .best
    ) throws -> [[Double]] {
        guard ratio.isFinite, ratio >= 1.0 / 256, ratio <= 256 else {
            throw AudioError.resamplingFailed("resampling ratio \(ratio) is outside libsamplerate's 1/256…256")
        }
        let channelCount = channels.count
        guard channelCount > 0, let inputCount = channels.first?.count, inputCount > 0 else {
            return channels.map { _ in [Double](repeating: 0, count: outputCount) }
        }
        var input = [Float](repeating: 0, count: inputCount * channelCount)
        for (c, channel) in channels.enumerated() {
            for f in 0..<inputCount { input[f * channelCount + c] = Float(channel[f]) }
        }
        // Room for libsamplerate's rounding of the output count.
        let capacity = outputCount + 64
        var output = [Float](repeating: 0, count: capacity * channelCount)
        var generated = 0
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var data = SRC_DATA()
                data.data_in = source.baseAddress
                data.input_frames = CLong(inputCount)
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
        let frames = min(generated, outputCount)
        return (0..<channelCount).map { c in
            var result = [Double](repeating: 0, count: outputCount)
            output.withUnsafeBufferPointer { source in
                for f in 0..<frames { result[f] = Double(source[f * channelCount + c]) }
            }
            return result
        }
    }
}
