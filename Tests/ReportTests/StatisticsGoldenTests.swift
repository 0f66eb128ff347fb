import Foundation
import Statistics
import TestSupport
import XCTest

@testable import ScoreFiles

/// The report's statistics against the Python anchors on nine SiSEC 2018 methods
/// (golden: Scripts/goldens/museval_report_statistics.py): matplotlib's boxplot_stats exactly,
/// scikit-posthocs' posthoc_conover within 1e-9 relative.
final class StatisticsGoldenTests: XCTestCase {
    /// The golden, parsed by ScoreFiles' reader: numbers exactly as Python's `float()` reads
    /// them (Foundation's JSONSerialization on Linux can be an ulp off, which "exact" cannot
    /// afford).
    struct Golden {
        var root: JSONValue

        var methods: [String] { strings(root["methods"]) }
        var targets: [String] { strings(root["targets"]) }
        var tracks: [String] { strings(root["tracks"]) }

        func strings(_ value: JSONValue?) -> [String] {
            guard case .array(let list)? = value else { return [] }
            return list.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
        }

        static func numbers(_ value: JSONValue?) -> [Double]? {
            guard case .array(let list)? = value else { return nil }
            return list.map { if case .number(let x) = $0 { return x } else { return .nan } }
        }

        static func number(_ value: JSONValue?) -> Double? {
            if case .number(let x)? = value { return x }
            return nil
        }

        /// The per-track medians of `method` for `target`, NaN for null.
        func medians(_ target: String, _ method: String) throws -> [Double] {
            try XCTUnwrap(Self.numbers(root["medians"]?[target]?[method]), "\(target) \(method)")
        }
    }

    static func golden() throws -> Golden {
        let url = TestData.fixtures.appendingPathComponent("museval/report/statistics.json")
        return Golden(root: try JSONValue.parse(Array(Data(contentsOf: url))))
    }

    func testBoxplotStatisticsAreMatplotlibsExactly() throws {
        let golden = try Self.golden()
        var compared = 0
        for target in golden.targets {
            for method in golden.methods {
                let expected = try XCTUnwrap(golden.root["boxplot"]?[target]?[method], "\(target) \(method)")
                let stats = BoxplotStatistics(try golden.medians(target, method))
                let label = "\(target) \(method)"
                XCTAssertEqual(stats.mean, Golden.number(expected["mean"]), label)
                XCTAssertEqual(stats.median, Golden.number(expected["med"]), label)
                XCTAssertEqual(stats.q1, Golden.number(expected["q1"]), label)
                XCTAssertEqual(stats.q3, Golden.number(expected["q3"]), label)
                XCTAssertEqual(stats.iqr, Golden.number(expected["iqr"]), label)
                XCTAssertEqual(stats.whiskerLow, Golden.number(expected["whislo"]), label)
                XCTAssertEqual(stats.whiskerHigh, Golden.number(expected["whishi"]), label)
                XCTAssertEqual(stats.notchLow, Golden.number(expected["cilo"]), label)
                XCTAssertEqual(stats.notchHigh, Golden.number(expected["cihi"]), label)
                XCTAssertEqual(stats.fliers, Golden.numbers(expected["fliers"]), label)
                compared += 1
            }
        }
        XCTAssertEqual(compared, 4 * 9)
    }

    func testConoverPValuesAreScikitPosthocsWithin1e9Relative() throws {
        let golden = try Self.golden()
        var smallest = 1.0
        for target in golden.targets {
            var samples: [String: [Double]] = [:]
            for method in golden.methods { samples[method] = try golden.medians(target, method) }
            let test = ConoverTest(samples)
            guard case .array(let rows)? = golden.root["conover"]?[target]?["p"] else { return XCTFail(target) }
            let expected = try rows.map { try XCTUnwrap(Golden.numbers($0)) }
            XCTAssertEqual(test.groups, golden.strings(golden.root["conover"]?[target]?["groups"]), target)
            for i in expected.indices {
                for j in expected.indices {
                    let p = test.pValues[i][j]
                    let reference = expected[i][j]
                    XCTAssertLessThanOrEqual(
                        abs(p - reference), 1e-9 * reference, "\(target) \(test.groups[i]) vs \(test.groups[j]): \(p)")
                    smallest = min(smallest, reference)
                }
            }
        }
        XCTAssertLessThan(smallest, 1e-40, "the golden reaches far into the tail")
    }

    func testStudentTTailsAgainstSciPy() {
        // 2 * scipy.stats.t.sf(t, df)
        let cases: [(Double, Double, Double)] = [
            (2.0, 10, 0.07338803477074037), (0.1, 3, 0.9266523488008059), (15, 392, 1.6231125012013134e-40),
            (40, 441, 8.135658776099633e-149), (1e-8, 5, 0.9999999924078662), (3.5, 1, 0.17717106556580953)
        ]
        for (t, df, p) in cases {
            let ours = StudentT.twoSidedPValue(t, degreesOfFreedom: df)
            XCTAssertLessThanOrEqual(abs(ours - p), 1e-12 * p, "t \(t), df \(df): \(ours)")
        }
        XCTAssertEqual(StudentT.twoSidedPValue(.infinity, degreesOfFreedom: 4), 0)
        XCTAssertTrue(StudentT.twoSidedPValue(.nan, degreesOfFreedom: 4).isNaN)
    }

    func testRanksAndEdgeCases() {
        XCTAssertEqual(Ranks.average([3, 1, 3, 2, 3]), [4, 1, 4, 2, 4])
        XCTAssertEqual(Ranks.tieSum([3, 1, 3, 2, 3]), 24)
        XCTAssertEqual(BoxplotStatistics([]).count, 0)
        XCTAssertTrue(BoxplotStatistics([.nan]).median.isNaN)
        let one = BoxplotStatistics([2])
        XCTAssertEqual([one.q1, one.median, one.q3, one.whiskerLow, one.whiskerHigh], [2, 2, 2, 2, 2])
        XCTAssertEqual(NumPySum.sum([Double](repeating: 0.1, count: 300)), 29.999999999999996, "np.sum")
    }

    /// The golden's inputs are what our reader and frame aggregation give on the score files
    /// (to 1e-12: pandas' median of an even count differs from ours in the last bits).
    func testPerTrackMediansAreOursOnTheSharedFiles() async throws {
        let root = try TestData.requireShared("sisec18")
        let golden = try Self.golden()
        for method in ["IRM2", "MIX", "TAK1"] {
            let (scores, failures) = await ResultsFolder(url: root.appendingPathComponent(method), subsets: ["test"])
                .load()
            XCTAssertEqual(failures, [])
            let aggregates = scores.trackAggregates(frames: .median)
            XCTAssertEqual(scores.tracks.map(\.track), golden.tracks, method)
            for target in golden.targets {
                let ours = try XCTUnwrap(aggregates[target]?[.sdr])
                let theirs = try golden.medians(target, method)
                XCTAssertEqual(ours.count, theirs.count)
                // pandas' groupby median of an even count rounds its middle mean its own way:
                // the last bits may differ, hence the golden keeps the inputs it used.
                for (a, b) in zip(ours, theirs) { XCTAssertEqual(a, b, accuracy: 1e-12, "\(method) \(target)") }
            }
        }
    }
}
