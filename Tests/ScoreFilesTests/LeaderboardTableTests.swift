import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

/// The leaderboard as tables for papers and as JSON records.
final class LeaderboardTableTests: XCTestCase {
    private var board: Leaderboard {
        func method(_ name: String, _ sdr: Double) -> MethodScores {
            MethodScores(
                name: name,
                tracks: [
                    TrackScores(
                        track: "t",
                        targets: ["vocals", "drums", "bass", "other"].map {
                            TargetScores(
                                name: $0, sdr: [sdr, sdr], sir: [sdr + 1, sdr + 1], sar: [sdr + 2, sdr + 2],
                                isr: [sdr + 3, sdr + 3])
                        }, subset: "test")
                ])
        }
        return Leaderboard(methods: [method("A_1", 1.005), method("B", 2.5)])
    }

    func testFormats() {
        let markdown = LeaderboardTable(format: .markdown, rows: .methods, metrics: [.sdr], decimals: 2).render(board)
        XCTAssertTrue(markdown.contains("| method | vocals | drums | bass | other |"), markdown)
        XCTAssertTrue(markdown.contains("| A_1 | 1.00 | 1.00 | 1.00 | 1.00 |"), "1.005 is 1.00499…: \(markdown)")
        XCTAssertTrue(markdown.contains("| B | **2.50** | **2.50** |"), markdown)
        XCTAssertTrue(markdown.contains(">   B: 1 tracks (test 1); mode unknown, win 1.0 s, hop 1.0 s"), markdown)

        let latex = LeaderboardTable(format: .latex, rows: .methods, metrics: [.sdr, .sir], decimals: 1).render(board)
        XCTAssertTrue(latex.contains("\\begin{tabular}{lrrrrrrrr}"), latex)
        XCTAssertTrue(latex.contains("A\\_1 & 1.0 & 2.0 &"), latex)
        XCTAssertTrue(latex.contains("\\textbf{2.5}"), latex)
        XCTAssertTrue(latex.hasSuffix("\\end{tabular}\n"))

        let csv = LeaderboardTable(format: .csv, rows: .targets, metrics: [.sdr, .sar], decimals: 3).render(board)
        XCTAssertEqual(
            csv,
            "target,metric,A_1,B\nvocals,SDR,1.005,2.500\n,SAR,3.005,4.500\ndrums,SDR,1.005,2.500\n,SAR,3.005,4.500\n"
                + "bass,SDR,1.005,2.500\n,SAR,3.005,4.500\nother,SDR,1.005,2.500\n,SAR,3.005,4.500\n")

        let text = board.table()
        XCTAssertTrue(text.contains("Ranking by mean SDR over vocals, drums, bass, other"), text)
        XCTAssertTrue(text.contains("   1. B"), text)
        XCTAssertTrue(text.contains("Tracks: A_1 1, B 1"), text)
    }

    func testLeaderboardJSONRecordsAreFlat() throws {
        let json = board.jsonString()
        let root = try JSONValue.parse(json)
        XCTAssertEqual(root["format"], .string("museval-leaderboard/2"))
        guard case .array(let records)? = root["records"] else { return XCTFail("no records") }
        XCTAssertEqual(records.count, 2 * 4 * 5, "method × target × (SDR, SIR, SAR, ISR, SDR-mean)")
        for record in records {
            guard case .object(let members) = record else { return XCTFail("\(record)") }
            XCTAssertEqual(
                members.map(\.key),
                ["method", "target", "metric", "value", "tracks", "rank", "mode", "window", "hop", "subsets"])
            for member in members {
                switch member.value {
                case .array, .object: XCTFail("\(member.key) is nested")
                default: break
                }
            }
        }
        XCTAssertEqual(records[0]["rank"], .number(2), "A_1 is second in vocals")
        XCTAssertEqual(root["records"].map { _ in true }, true)
    }

    func testPerTrackCSV() {
        let target = TargetScores(
            name: "vocals", sdr: [1, .nan, 3], sir: [1, 1, 1], sar: [.nan, .nan, .nan], isr: [2, 2, 2])
        let method = MethodScores(name: "M", tracks: [TrackScores(track: "a, b", targets: [target], subset: "test")])
        let text = PerTrackCSV.text(for: [method])
        XCTAssertEqual(
            text,
            "method,subset,track,target,metric,value\nM,test,\"a, b\",vocals,SDR,2.0\nM,test,\"a, b\",vocals,SIR,1.0\n"
                + "M,test,\"a, b\",vocals,SAR,\nM,test,\"a, b\",vocals,ISR,2.0\n")
    }
}
