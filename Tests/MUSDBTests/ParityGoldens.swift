import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

/// `Fixtures/musdb/parity.json`, written by `Scripts/goldens/musdb_parity.py` from Python musdb.
struct ParityGoldens: Decodable {
    struct Digest: Decodable {
        var shape: [Int]
        var sum: Double
        var sumOfSquares: Double
        var samples: [String: Double]
        var sha256: String
    }
    struct Chunk: Decodable {
        var start: Double
        var duration: Double?
        var mixture: Digest
        var vocals: Digest
    }
    struct TrackGolden: Decodable {
        var name: String
        var artist: String?
        var title: String?
        var subset: String
        var rate: Int
        var samples: Int
        var duration: Double
        var mixture: Digest
        var targets: [String: Digest]
        var chunks: [Chunk]?
    }
    struct RootGolden: Decodable {
        var isWav: Bool
        var listings: [String: [String]]
        var tracks: [TrackGolden]
        var fileSHA256: [String: String]?
    }
    var musdb: String
    var ffmpeg: String
    var roots: [String: RootGolden]

    static func load() throws -> ParityGoldens {
        let url = TestData.fixtures.appendingPathComponent("musdb/parity.json")
        return try JSONDecoder().decode(ParityGoldens.self, from: Data(contentsOf: url))
    }
}

/// Asserts `buffer` has the shape, sums, samples and int-code hash Python musdb gave.
func assertMatches(
    _ buffer: AudioBuffer, _ golden: ParityGoldens.Digest, _ label: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual([buffer.frameCount, buffer.channelCount], golden.shape, "\(label): shape", file: file, line: line)
    let interleaved = buffer.interleaved
    let codes = interleaved.map { Int32(($0 * 32768).rounded(.toNearestOrEven)).littleEndian }
    let hash = codes.withUnsafeBytes { SHA256.hexDigest($0) }
    XCTAssertEqual(hash, golden.sha256, "\(label): SHA-256 of the int codes", file: file, line: line)
    for (index, value) in golden.samples {
        guard let i = Int(index), i < interleaved.count else {
            XCTFail("\(label): sample \(index) out of range"); continue
        }
        XCTAssertEqual(interleaved[i], value, "\(label): sample \(i)", file: file, line: line)
    }
    let sum = interleaved.reduce(0, +)
    let squares = interleaved.reduce(0) { $0 + $1 * $1 }
    XCTAssertEqual(sum, golden.sum, accuracy: 1e-9 * max(1, abs(golden.sum)), "\(label): sum", file: file, line: line)
    XCTAssertEqual(
        squares, golden.sumOfSquares, accuracy: 1e-9 * max(1, golden.sumOfSquares), "\(label): sum of squares",
        file: file, line: line)
}
