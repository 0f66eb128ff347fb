import Foundation
import Oracle

/// Deterministic test signals: seeded noise and tones, so the property tests need no data.
enum SyntheticSignals {
    /// Uniform noise in [-1, 1) from a 64-bit linear congruential generator (Knuth's MMIX
    /// constants), reproducible on every platform.
    static func noise(count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// A sum of sines with the given frequencies (cycles per sample) and amplitude.
    static func tones(count: Int, frequencies: [Double], amplitude: Double) -> [Double] {
        (0..<count).map { n in
            frequencies.enumerated().reduce(0.0) { sum, item in
                sum + amplitude * sin(2 * Double.pi * item.element * Double(n) + Double(item.offset))
            }
        }
    }

    /// Three stereo sources that overlap in time and frequency but each dominate somewhere:
    /// low tones, bursts of noise, and high tones; plus their sum as the mixture.
    static func mixture(count: Int = 16_384) -> (mixture: [[Double]], sources: [Stem]) {
        let low = [
            tones(count: count, frequencies: [0.004, 0.009], amplitude: 0.3),
            tones(count: count, frequencies: [0.004, 0.011], amplitude: 0.25)
        ]
        let bursts = (0..<2).map { c -> [Double] in
            let raw = noise(count: count, seed: UInt64(10 + c))
            return raw.indices.map { n in (n / 2048) % 2 == 0 ? 0.2 * raw[n] : 0.01 * raw[n] }
        }
        let high = [
            tones(count: count, frequencies: [0.21, 0.33], amplitude: 0.2),
            tones(count: count, frequencies: [0.23, 0.31], amplitude: 0.2)
        ]
        let sources = [
            Stem(name: "vocals", channels: high),
            Stem(name: "drums", channels: bursts),
            Stem(name: "bass", channels: low)
        ]
        let mixture = (0..<2).map { c in (0..<count).map { n in sources.reduce(0) { $0 + $1.channels[c][n] } } }
        return (mixture, sources)
    }

    /// 10 log10(|reference|² / |reference − estimate|²).
    static func snr(_ estimate: [Double], reference: [Double]) -> Double {
        var signal = 0.0, error = 0.0
        for n in reference.indices {
            signal += reference[n] * reference[n]
            error += (reference[n] - estimate[n]) * (reference[n] - estimate[n])
        }
        return 10 * log10(signal / error)
    }
}
