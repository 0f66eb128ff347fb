import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

/// Comparable by construction: subsets, settings and track sets shown and flagged,
/// `--common-tracks`, `--strict`, and the whole-track sidecars read back.
final class ComparabilityTests: XCTestCase {
    private func track(_ name: String, sdr: [Double], window: Double = 1, hop: Double = 1) -> TrackScores {
        TrackScores(
            track: name,
            targets: ["vocals", "drums", "bass", "other"].map {
                TargetScores(name: $0, sdr: sdr, sir: sdr, sar: sdr, isr: sdr, window: window, hop: hop)
            })
    }

    private func write(_ scores: TrackScores, method: URL, subset: String, global: Double? = nil) throws {
        let file = try scores.write(toResultsFolder: method, subset: subset)
        if let global {
            let setup = ScoringSetup(mode: "v4", window: 1, hop: 1)
            try TrackGlobalScores(
                track: scores.track, setup: setup,
                targets: scores.targets.map {
                    .init(name: $0.name, frameCount: $0.frames.count, globalSDR: global, siSDR: .infinity)
                }
            ).write(besideScoreFile: file)
        }
    }

    func testSidecarRoundTripsAndIsHiddenFromTheScoreFiles() async throws {
        let root = try TestData.temporaryDirectory(self)
        let method = root.appendingPathComponent("A")
        try write(track("t1", sdr: [1, 2]), method: method, subset: "test", global: 4)
        try write(track("t2", sdr: [3, 4]), method: method, subset: "test", global: 6)
        let sidecar = method.appendingPathComponent("test/.t1.global")
        let text = try String(contentsOf: sidecar, encoding: .utf8)
        XCTAssertTrue(text.contains("\"format\": \"museval-global-scores/1\""), text)
        XCTAssertTrue(text.contains("\"siSDR\": \"Infinity\""), text)
        XCTAssertTrue(text.contains("\"epsilon\": 1e-07"), text)

        let (scores, failures) = await ResultsFolder(url: method, subsets: ["test"]).load()
        XCTAssertEqual(failures, [])
        XCTAssertEqual(scores.tracks.map(\.track), ["t1", "t2"], "the sidecars are no score files")
        XCTAssertEqual(scores.tracks.map(\.subset), ["test", "test"])
        XCTAssertEqual(scores.tracks[0].global?[target: "bass"]?.globalSDR, 4)
        let board = Leaderboard(methods: [scores])
        XCTAssertEqual(board.entries[0].value("vocals", .globalSDR), 5, "the mean over tracks")
        XCTAssertEqual(board.entries[0].value("vocals", .siSDR), .infinity)
        XCTAssertEqual(board.entries[0].setups, [ScoringSetup(mode: "v4", window: 1, hop: 1)])
        XCTAssertTrue(board.table().contains("uSDR"), board.table())
    }

    func testBrokenSidecarIsReportedAndTheScoresStillCount() async throws {
        let root = try TestData.temporaryDirectory(self)
        let method = root.appendingPathComponent("A")
        try write(track("t1", sdr: [1]), method: method, subset: "test")
        try Data("{\"format\": \"other/1\"}".utf8).write(to: method.appendingPathComponent("test/.t1.global"))
        let (scores, failures) = await ResultsFolder(url: method, subsets: ["test"]).load()
        XCTAssertEqual(scores.tracks.count, 1)
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures[0].description.contains(".t1.global"), failures[0].description)
        XCTAssertTrue(failures[0].description.contains("museval-global-scores/1"), failures[0].description)
    }

    func testDefaultSubsetIsTestAndFlatFoldersAreStillRead() async throws {
        let root = try TestData.temporaryDirectory(self)
        let method = root.appendingPathComponent("A")
        try write(track("t1", sdr: [1]), method: method, subset: "test")
        try write(track("t2", sdr: [1]), method: method, subset: "train")
        let (test, _) = await ResultsFolder(url: method, subsets: ["test"]).load()
        XCTAssertEqual(test.tracks.map(\.track), ["t1"])
        let flat = root.appendingPathComponent("flat")
        try FileManager.default.createDirectory(at: flat, withIntermediateDirectories: true)
        try track("t3", sdr: [1]).write(to: flat.appendingPathComponent("t3.json"))
        let (scores, failures) = await ResultsFolder(url: flat, subsets: ["test"]).load()
        XCTAssertEqual(failures, [])
        XCTAssertEqual(scores.tracks.map(\.track), ["t3"])
        XCTAssertEqual(scores.subsetCounts.map(\.subset), ["unknown"])
    }

    func testMismatchesAreFlaggedCommonTracksAndStrict() throws {
        let a = MethodScores(name: "A", tracks: [track("t1", sdr: [1, 2]), track("t2", sdr: [3, 4])])
        let b = MethodScores(name: "B", tracks: [track("t2", sdr: [5, 6], window: 2, hop: 1.5)])
        let board = Leaderboard(methods: [a, b], folders: ["/x/A", "/x/B"])
        let issues = board.comparabilityIssues
        XCTAssertEqual(Set(issues.map(\.kind)), [.settings, .tracks], "\(issues)")
        XCTAssertTrue(issues.contains { $0.message.contains("the window differs: 1.0 s: A; 2.0 s: B") }, "\(issues)")
        XCTAssertTrue(issues.contains { $0.message.contains("A 2, B 1; 1 tracks in common") }, "\(issues)")
        XCTAssertThrowsError(try board.requireComparable()) { error in
            guard case LeaderboardError.notComparable(let listed) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(listed, issues)
            XCTAssertTrue("\(error)".contains("--common-tracks"))
        }
        XCTAssertTrue(board.table().contains("NOT COMPARABLE"))

        let common = Leaderboard(methods: [a, b], commonTracks: true)
        XCTAssertEqual(common.entries.map(\.trackCount), [1, 1])
        XCTAssertEqual(common.entries.map(\.tracksLeftOut), [1, 0])
        XCTAssertEqual(common.entries[0].value("vocals", .sdr), 3.5, "t2 alone")
        XCTAssertEqual(Set(common.comparabilityIssues.map(\.kind)), [.settings], "window and hop")
        let same = Leaderboard(methods: [a, MethodScores(name: "C", tracks: a.tracks)])
        XCTAssertEqual(same.comparabilityIssues, [])
        XCTAssertNoThrow(try same.requireComparable())
    }

    func testMeanOfMediansAndPerTargetRanking() {
        let a = MethodScores(
            name: "A", tracks: [track("t1", sdr: [1, 2, 30]), track("t2", sdr: [3]), track("t3", sdr: [10])])
        var onlyVocals = track("t1", sdr: [20])
        onlyVocals.targets = [onlyVocals.targets[0]]
        let v = MethodScores(name: "V", tracks: [onlyVocals])
        let board = Leaderboard(methods: [a, v])
        XCTAssertEqual(board.entries[0].value("vocals", .sdr), 3, "median of the medians 2, 3, 10")
        XCTAssertEqual(board.entries[0].value("vocals", .sdrMeanOfMedians), 5, "mean of the medians 2, 3, 10")
        XCTAssertEqual(board.ranking.map(\.method), ["A", "V"])
        XCTAssertEqual(board.ranking.map(\.rank), [1, nil])
        XCTAssertEqual(board.ranking(of: "vocals", by: .sdr).map(\.method), ["V", "A"], "vocals-only V ranks first")
        XCTAssertEqual(board.ranking(of: "drums", by: .sdr).map(\.rank), [1, nil])
    }
}
