/// An example ready for writing: every stem in the output encoding's sample grid and a
/// mixture that is exactly their sum as stored.
///
/// Integer formats: stems are quantised first (`round(x · 2^(bits-1))`), then the mixture
/// is the sum of those integers, so `mixture == Σ stems` holds bit for bit in the files.
/// The trap is clipping: the sum of in-range stems can leave the range. So the whole
/// example is scaled down first when its loudest stem or mixture sample (plus the
/// worst-case rounding of the sum, half a step per stem) would pass the largest code;
/// the factor is recorded in the manifest.
public struct EncodedExample: Sendable, Equatable {
    /// Samples per written file, planar, already on the format's grid (`k / 2^(bits-1)`
    /// for integer formats, `Float` values for float).
    public var stems: [[[Double]]]
    /// The mixture, the sum of `stems` (exact on the grid).
    public var mixture: [[Double]]
    /// Factor every source was multiplied by to avoid clipping (1: none).
    public var scale: Double

    /// Encodes `example` for `format`.
    public init(_ example: Example, format: Recipe.Format) {
        let bits: Int? = format == .float ? nil : (format == .wav24 ? 24 : 16)
        var peak = 0.0
        for source in example.sources { for channel in source { for x in channel { peak = max(peak, abs(x)) } } }
        for channel in example.mixture() { for x in channel { peak = max(peak, abs(x)) } }
        var scale = 1.0
        if let bits {
            let full = Double(1 << (bits - 1))
            let headroom = full - 1 - 0.5 * Double(example.sources.count)  // largest code minus rounding
            if peak * full > headroom { scale = headroom / (peak * full) }
            let inverse = 1 / full
            let quantised = example.sources.map { source in
                source.map { channel in channel.map { ($0 * scale * full).rounded() } }
            }
            var mixture = [[Double]](repeating: [Double](repeating: 0, count: example.frameCount),
                                     count: example.channelCount)
            for source in quantised {
                for (c, channel) in source.enumerated() { for i in channel.indices { mixture[c][i] += channel[i] } }
            }
            self.stems = quantised.map { $0.map { $0.map { $0 * inverse } } }
            self.mixture = mixture.map { $0.map { $0 * inverse } }
        } else {
            if peak > 1 { scale = 1 / peak }
            let rounded = example.sources.map { $0.map { $0.map { Double(Float($0 * scale)) } } }
            var mixture = [[Double]](repeating: [Double](repeating: 0, count: example.frameCount),
                                     count: example.channelCount)
            for source in rounded {
                for (c, channel) in source.enumerated() { for i in channel.indices { mixture[c][i] += channel[i] } }
            }
            self.stems = rounded
            self.mixture = mixture.map { $0.map { Double(Float($0)) } }
        }
        self.scale = scale
    }
}
