import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): the one seeded random number generator of the
/// package.
///
/// The system generator is not used anywhere a result is stored, because its stream is
/// neither fixed across platforms nor across Swift versions; SplitMix64's is the same on
/// every machine, so a seed reproduces the sample dataset and every augmentation draw
/// byte for byte. Independent streams come from `init(seed:stream:)`, so work items can
/// run in any order and on any number of threads with the same result.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The independent stream number `stream` under `seed`: the pair is hashed through the
    /// SplitMix finaliser, so neighbouring stream numbers give unrelated streams.
    public init(seed: UInt64, stream: UInt64) {
        state = Self.mix(Self.mix(seed &+ Self.increment) ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// A uniform double in [0, 1) from the top 53 bits (every value a multiple of 2⁻⁵³).
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `range` (the upper bound is reached only through rounding).
    public mutating func nextUniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUniform()
    }

    /// True with probability `probability`.
    public mutating func nextBool(probability: Double) -> Bool { nextUniform() < probability }

    /// A uniform integer in `range`. `next() % span` alone favours small values when the
    /// span does not divide 2⁶⁴; the top partial block is rejected instead, so every value
    /// is exactly equally likely.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound)) &+ 1
        if span == 0 { return Int(bitPattern: UInt(next())) } // the full 64-bit range
        let limit = UInt64.max - UInt64.max % span
        var value = next()
        while value >= limit { value = next() }
        return range.lowerBound &+ Int(bitPattern: UInt(value % span))
    }

    /// A standard normal deviate (Box–Muller). The pair's twin is discarded so that the
    /// stream position depends only on the number of calls.
    public mutating func nextNormal() -> Double {
        let u = 1 - nextUniform() // in (0, 1], so the logarithm stays finite
        let v = nextUniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Golden-ratio increment of the state (2⁶⁴ / φ, odd).
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The SplitMix64 finaliser (a bijection of 64-bit words with full avalanche).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
