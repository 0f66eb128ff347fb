import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

/// Aggregates of the SiSEC 2018 score folders against museval 0.4.1's MethodStore
/// (goldens: Scripts/goldens/museval_aggregate.py).
final class SiSEC18AggregateTests: XCTestCase {
    static let methods = ["HPSS", "IRM2", "MIX", "TAK1"]

    private func loadMethods() async throws -> [MethodScores] {
        let root = try TestData.requireShared("sisec18")
        var methods: [MethodScores] = []
        for name in Self.methods {
            let (scores, failures) = await ResultsFolder(url: root.appendingPathComponent(name)).load()
            XCTAssertEqual(failures, [], name)
            XCTAssertEqual(scores.name, name)
            XCTAssertEqual(scores.tracks.count, 50, name)
            methods.append(scores)
        }
        return methods
    }

    func testPublishedMedianScores() async throws {
        let methods = try await loadMethods()
        let expected: [String: [String: Double]] = [
            "IRM2": ["vocals": 9.43, "drums": 8.45, "bass": 7.12, "other": 7.85, "accompaniment": 15.64],
            "TAK1": ["vocals": 6.60, "drums": 6.43, "bass": 5.16, "other": 4.15, "accompaniment": 12.83]
        ]
        for method in methods where expected[method.name] != nil {
            let aggregates = method.aggregates(frames: .median, tracks: .median)
            for (target, sdr) in expected[method.name]! {
                let value = try XCTUnwrap(aggregates.first { $0.target == target && $0.metric == .sdr }).value
                XCTAssertEqual((value * 100).rounded() / 100, sdr, "\(method.name) \(target) SDR \(value)")
            }
        }
    }

    func testEveryAggregateMatchesMusevalMethodStore() async throws {
        let methods = try await loadMethods()
        let goldenURL = TestData.fixtures.appendingPathComponent("museval/aggregate/methodstore_aggregates.json")
        let golden = try JSONValue.parse(Array(Data(contentsOf: goldenURL)))
        var compared = 0
        for frames in Aggregation.allCases {
            for tracks in Aggregation.allCases {
                let key = "\(frames.rawValue)-\(tracks.rawValue)"
                guard case .object(let perMethod)? = golden[key] else { XCTFail("golden lacks \(key)"); continue }
                XCTAssertEqual(perMethod.map(\.key).sorted(), Self.methods)
                for method in methods {
                    let ours = method.aggregates(frames: frames, tracks: tracks)
                    guard case .object(let perTarget)? = golden[key]?[method.name] else {
                        XCTFail("golden lacks \(key) \(method.name)"); continue
                    }
                    XCTAssertEqual(Set(ours.map(\.target)), Set(perTarget.map(\.key)), "\(key) \(method.name) targets")
                    for aggregate in ours {
                        let reference = golden[key]?[method.name]?[aggregate.target]?[aggregate.metric.name]
                        switch reference {
                        case .number(let value)?:
                            XCTAssertEqual(
                                aggregate.value, value, accuracy: 1e-5,
                                "\(key) \(method.name) \(aggregate.target) \(aggregate.metric)")
                        case .null?:
                            XCTAssertTrue(
                                aggregate.value.isNaN, "\(key) \(method.name) \(aggregate.target) \(aggregate.metric)")
                        default:
                            XCTFail("golden lacks \(key) \(method.name) \(aggregate.target) \(aggregate.metric)")
                        }
                        compared += 1
                    }
                }
            }
        }
        XCTAssertEqual(compared, 4 * (5 + 5 + 5 + 2) * 4)
    }

    func testLeaderboardRanksByMeanSDR() async throws {
        let leaderboard = Leaderboard(methods: try await loadMethods())
        XCTAssertEqual(leaderboard.ranking.map(\.method), ["IRM2", "TAK1", "MIX", "HPSS"])
        XCTAssertEqual(leaderboard.ranking.map(\.rank), [1, 2, 3, nil])
        let irm2 = try XCTUnwrap(leaderboard.entries.first { $0.method == "IRM2" })
        XCTAssertEqual(irm2.window, 1)
        XCTAssertEqual(irm2.hop, 1)
        XCTAssertEqual(irm2.musevalVersions, [nil])
        let sdrs = ["vocals", "drums", "bass", "other"].map { irm2.aggregate($0, .sdr)!.value }
        XCTAssertEqual(irm2.meanSDR, sdrs.reduce(0, +) / 4, accuracy: 1e-12)
    }
}
