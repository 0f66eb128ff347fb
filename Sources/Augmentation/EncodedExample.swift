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
    ///
    /// Performance: one pass per channel over raw buffers for the peak (stems and their
    /// sum), one for quantising and summing; rounding is to nearest, ties to even (a
    /// single instruction, unlike `rounded()`'s ties-away-from-zero library call).
    public init(_ example: Example, format: Recipe.Format) {
        let bits: Int? = format == .float ? nil : (format == .wav24 ? 24 : 16)
        let frames = example.frameCount, sourceCount = example.sources.count
        var peak = 0.0
        for c in 0..<example.channelCount {
            var sum = [Double](repeating: 0, count: frames)
            sum.withUnsafeMutableBufferPointer { total in
                for source in example.sources {
                    source[c].withUnsafeBufferPointer { x in
                        var localPeak = 0.0
                        for i in 0..<frames {
                            localPeak = max(localPeak, abs(x[i]))
                            total[i] += x[i]
                        }
                        peak = max(peak, localPeak)
                    }
                }
                var localPeak = 0.0
                for i in 0..<frames { localPeak = max(localPeak, abs(total[i])) }
                peak = max(peak, localPeak)
            }
        }
        var scale = 1.0
        let full: Double
        if let bits {
            full = Double(1 << (bits - 1))
            let headroom = full - 1 - 0.5 * Double(sourceCount) // largest code minus rounding
            if peak * full > headroom { scale = headroom / (peak * full) }
        } else {
            full = 1
            if peak > 1 { scale = 1 / peak }
        }
        let isInteger = bits != nil
        let gain = scale * full, inverse = 1 / full
        var stems = [[[Double]]](repeating: [], count: sourceCount)
        var mixture = [[Double]]()
        for c in 0..<example.channelCount {
            var total = [Double](repeating: 0, count: frames)
            total.withUnsafeMutableBufferPointer { sum in
                for (s, source) in example.sources.enumerated() {
                    let stored = [Double](unsafeUninitializedCapacity: frames) { out, count in
                        source[c].withUnsafeBufferPointer { x in
                            // Two plain loops (no closure in the hot path), so both vectorise.
                            if isInteger {
                                for i in 0..<frames {
                                    let q = (x[i] * gain).rounded(.toNearestOrEven) // integer code
                                    sum[i] += q
                                    out[i] = q * inverse
                                }
                            } else {
                                for i in 0..<frames {
                                    let q = Double(Float(x[i] * gain))
                                    sum[i] += q
                                    out[i] = q
                                }
                            }
                        }
                        count = frames
                    }
                    stems[s].append(stored)
                }
                // Integer codes sum exactly in Double; a float mixture is rounded once.
                if isInteger {
                    for i in 0..<frames { sum[i] *= inverse }
                } else {
                    for i in 0..<frames { sum[i] = Double(Float(sum[i])) }
                }
            }
            mixture.append(total)
        }
        self.stems = stems
        self.mixture = mixture
        self.scale = scale
    }
}
