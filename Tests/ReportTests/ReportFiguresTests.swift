import Foundation
import Report
import ScoreFiles
import XCTest

/// The report's figures and numbers on small made-up methods.
final class ReportFiguresTests: XCTestCase {
    private func method(_ name: String, _ offsets: [Double], targets: [String] = ["vocals", "drums"]) -> MethodScores {
        MethodScores(
            name: name,
            tracks: offsets.enumerated().map { index, offset in
                TrackScores(
                    track: "track \(index) <&>",
                    targets: targets.map {
                        TargetScores(name: $0, sdr: [offset, offset + 1], sir: [0, 0], sar: [0, 0], isr: [0, 0])
                    }, subset: "test")
            })
    }

    func testFiguresFollowTheDataAndEscapeNames() {
        let methods = [method("Low", [1, 2, 3]), method("High", [5, 6, 7]), method("Solo", [9], targets: ["vocals"])]
        let board = Leaderboard(methods: methods)
        let report = Report(leaderboard: board, methods: methods, table: LeaderboardTable(metrics: [.sdr]))
        XCTAssertEqual(report.targets.map(\.target), ["vocals", "drums"])
        XCTAssertEqual(report.targets[0].methods, ["Solo", "High", "Low"], "by descending median")
        XCTAssertEqual(report.targets[1].methods, ["High", "Low"], "Solo has no drums")
        XCTAssertEqual(report.targets[1].boxplots.map(\.median), [6.5, 2.5], "per-track medians 5.5…7.5 and 1.5…3.5")
        XCTAssertEqual(report.targets[0].conover?.groups, ["High", "Low", "Solo"])
        XCTAssertEqual(
            report.figures().map(\.name),
            [
                "vocals-boxplot.svg", "vocals-heatmap.svg", "vocals-conover.svg", "drums-boxplot.svg",
                "drums-heatmap.svg",
                "drums-conover.svg"
            ])
        let html = report.html()
        XCTAssertTrue(html.contains("track 0 &lt;&amp;&gt;"), "track names escaped")
        XCTAssertFalse(html.contains("track 0 <&>"))
        let json = report.jsonString()
        XCTAssertTrue(json.contains("\"format\": \"museval-report/1\""))
        XCTAssertTrue(json.contains("\"pAdjust\": null"))
    }
}
