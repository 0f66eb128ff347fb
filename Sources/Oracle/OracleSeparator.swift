import DSP
import Foundation

/// A separator that knows the true sources: it estimates each source from the mixture
/// with a filter computed from the sources themselves, so its scores bound what a real
/// separator with the same filter family can reach.
public protocol OracleSeparator: Sendable {
    /// Estimates of `sources` (same order, names, channel count and length) made from
    /// `mixture` (planar channels). Throws `OracleError` when the shapes disagree.
    func separate(mixture: [[Double]], sources: [Stem]) throws -> [Stem]
}

/// `np.finfo(float).eps`, the regulariser every sigsep oracle adds to denominators.
let oracleEpsilon = Double.ulpOfOne

extension OracleSeparator {
    /// Checks that the mixture and the sources have one shape and returns it.
    func validate(mixture: [[Double]], sources: [Stem]) throws -> (channels: Int, samples: Int) {
        guard !sources.isEmpty else { throw OracleError.noSources }
        guard let first = mixture.first else { throw OracleError.noChannels }
        let count = first.count
        for (c, channel) in mixture.enumerated() where channel.count != count {
            throw OracleError.lengthMismatch(signal: "mixture channel \(c)", expected: count, found: channel.count)
        }
        for source in sources {
            guard source.channels.count == mixture.count else {
                throw OracleError.channelCountMismatch(
                    source: source.name, expected: mixture.count,
                    found: source.channels.count)
            }
            for (c, channel) in source.channels.enumerated() where channel.count != count {
                throw OracleError.lengthMismatch(
                    signal: "source \"\(source.name)\" channel \(c)",
                    expected: count, found: channel.count)
            }
        }
        return (mixture.count, count)
    }
}

/// `signal` cut or zero-padded to `count` samples (scipy's istft returns the padded length).
func trimmed(_ signal: [Double], to count: Int) -> [Double] {
    if signal.count == count { return signal }
    if signal.count > count { return Array(signal[..<count]) }
    return signal + [Double](repeating: 0, count: count - signal.count)
}

/// `|z| ** exponent` as numpy computes `np.abs(z) ** alpha`: the modulus with `hypot`
/// (no overflow for huge parts), and the integer exponents 1 and 2 exactly.
@inline(__always)
func magnitudePower(_ z: Complex<Double>, exponent: Double) -> Double {
    let modulus = modulus(z)
    if exponent == 1 { return modulus }
    if exponent == 2 { return modulus * modulus }
    return pow(modulus, exponent)
}

/// `|z|` as numpy's `np.abs`: `hypot` of the parts.
@inline(__always)
func modulus(_ z: Complex<Double>) -> Double {
    hypot(z.real, z.imaginary)
}
