import Foundation
import TestSupport

/// A golden of `Scripts/goldens/oracle_goldens.py`: fingerprints of sigsep-mus-oracle's
/// estimates on the sample track, and museval's per-frame scores of them.
struct OracleGolden: Decodable {
    struct Channel: Decodable {
        let count: Int
        let sum: Double
        let sumOfSquares: Double
        let maxAbs: Double
        let values: [Double]
    }

    let method: String
    let indices: [Int]
    let targets: [String: [Channel]]
    /// target → metric → per-frame value (nil where museval wrote NaN).
    let scores: [String: [String: [Double?]]]
    /// target → max |f(x) − f(x + one-ulp noise)| / max |f(x)| of the reference itself.
    let roundingSensitivity: [String: Double]

    static func load(_ method: String) throws -> OracleGolden {
        let url = TestData.fixtures.appendingPathComponent("oracle/\(method).json")
        return try JSONDecoder().decode(OracleGolden.self, from: Data(contentsOf: url))
    }
}
