import Foundation
import TestSupport
import XCTest

@testable import Audio

/// The committed goldens of `Scripts/goldens/audio_formats.py`.
struct AudioFormatGoldens: Decodable {
    struct File: Decodable {
        var subtype: String
        var rate: Int
        var shape: [Int]
        var sum: Double
        var sumOfSquares: Double
        var first: [Double]
        var sha256Float64: String
    }
    var frames: Int
    var files: [String: File]

    static func load() throws -> AudioFormatGoldens {
        let url = TestData.fixtures.appendingPathComponent("audio/formats.json")
        return try JSONDecoder().decode(AudioFormatGoldens.self, from: Data(contentsOf: url))
    }

    /// The integer codes the fixtures hold, computed here independently of any reader.
    static func codes(frames: Int) -> [[Int]] {
        (0..<2).map { c in
            (0..<frames).map { i in
                if i == 0 { return c == 0 ? -32768 : 32767 }
                if i == 1 { return c == 0 ? 0 : -1 }
                return (i * 7919 + c * 104729) % 65536 - 32768
            }
        }
    }
}

func sha256(ofDoubles samples: [Double]) -> String {
    samples.withUnsafeBytes { SHA256.hexDigest($0) }
}

/// A deterministic test signal of codes k/2^(bits-1).
func codeBuffer(frames: Int, channels: Int, bits: Int, rate: Int = 44100) -> AudioBuffer {
    let full = 1 << (bits - 1)
    var state: UInt64 = 12345
    let planar = (0..<channels).map { _ in
        (0..<frames).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let code = Int(state >> 33) % (2 * full) - full
            return Double(code) / Double(full)
        }
    }
    return AudioBuffer(sampleRate: rate, channels: planar)
}
