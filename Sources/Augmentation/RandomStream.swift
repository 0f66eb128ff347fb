import Foundation

/// A seedable random number generator: SplitMix64 (Steele, Lea & Flood 2014).
///
/// Used instead of the system generator so that every draw is reproducible from the seed
/// on every platform and Swift version. Each example gets its own stream from
/// `init(seed:example:)`, so examples can be made in any order and on any number of
/// threads with the same result.
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The independent stream of example `example` under `seed`: the pair is hashed
    /// through the SplitMix finaliser, so neighbouring indices give unrelated streams.
    public init(seed: UInt64, example: UInt64) {
        state = RandomStream.mix(RandomStream.mix(seed &+ 0x9E37_79B9_7F4A_7C15) ^ (example &* 0xD1B5_4A32_D192_ED03))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return RandomStream.mix(state)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `range`.
    public mutating func nextUniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUniform()
    }

    /// True with probability `probability`.
    public mutating func nextBool(probability: Double) -> Bool { nextUniform() < probability }

    /// A uniform integer in `range` (unbiased: rejection of the top partial block).
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(bitPattern: UInt(next())) }
        let limit = UInt64.max - UInt64.max % span
        var value = next()
        while value >= limit { value = next() }
        return range.lowerBound + Int(value % span)
    }

    /// A standard normal deviate (Box–Muller; one per call, the pair's twin is discarded
    /// so the stream position depends only on the number of calls).
    public mutating func nextNormal() -> Double {
        let u = 1 - nextUniform()  // (0, 1]: log stays finite
        let v = nextUniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
