import Audio
import CSampleRate

/// Resampling of planar channels by an arbitrary ratio with libsamplerate.
///
/// `AudioBuffer.resampled(to:)` converts between integer sample rates; pitch shifting
/// needs any real ratio (2^(n/12)), so this calls libsamplerate's `src_simple` directly.
/// Numerical trap: libsamplerate works in `Float`, so samples carry about 1e-7 relative
/// error; callers skip it entirely when the ratio is 1.
enum RatioResampler {
    /// libsamplerate's converter for `quality` (Audio's `ResamplingQuality`).
    static func converter(_ quality: ResamplingQuality) -> Int32 {
        switch quality {
        case .best: return Int32(SRC_SINC_BEST_QUALITY)
        case .medium: return Int32(SRC_SINC_MEDIUM_QUALITY)
        case .fastest: return Int32(SRC_SINC_FASTEST)
        case .zeroOrderHold: return Int32(SRC_ZERO_ORDER_HOLD)
        case .linear: return Int32(SRC_LINEAR)
        }
    }

    /// `channels` resampled by `ratio` (output rate / input rate), trimmed or zero-padded
    /// to exactly `outputCount` samples per channel.
    static func resample(_ channels: [[Double]], ratio: Double, outputCount: Int,
                         quality: ResamplingQuality = .medium) throws -> [[Double]] {
        guard ratio.isFinite, ratio > 0, ratio >= 1.0 / 256, ratio <= 256 else {
            throw AugmentationError.invalidParameter("resampling ratio \(ratio) is outside libsamplerate's 1/256…256")
        }
        let channelCount = channels.count
        guard channelCount > 0, let inputCount = channels.first?.count, inputCount > 0 else {
            return channels.map { _ in [Double](repeating: 0, count: outputCount) }
        }
        var input = [Float](repeating: 0, count: inputCount * channelCount)
        for (c, channel) in channels.enumerated() {
            for f in 0..<inputCount { input[f * channelCount + c] = Float(channel[f]) }
        }
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
                let status = src_simple(&data, converter(quality), Int32(channelCount))
                generated = Int(data.output_frames_gen)
                return status
            }
        }
        guard status == 0 else {
            throw AugmentationError.resamplingFailed(String(cString: src_strerror(status)))
        }
        let frames = min(generated, outputCount)
        return (0..<channelCount).map { c in
            var result = [Double](repeating: 0, count: outputCount)
            for f in 0..<frames { result[f] = Double(output[f * channelCount + c]) }
            return result
        }
    }
}
