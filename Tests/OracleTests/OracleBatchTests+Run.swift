import Foundation
import MUSDB
import Oracle
import OracleEvaluation
import TestSupport
import XCTest

/// `OracleBatch.run`: every track processed once on the workers, failures counted and
/// named, progress reported per track, a rerun skipping what is done.
extension OracleBatchTests {
    func testRunsEveryTrackOnTheWorkersAndCountsSkippedAndFailed() throws {
        let (temp, database) = try syntheticDataset(train: 1, test: 2)
        let broken = database.tracks[2]
        try FileManager.default.removeItem(at: XCTUnwrap(broken.sourceURLs[.bass]))
        let labels = database.tracks.map { "\($0.subset.rawValue)/\($0.name)" }

        let batch = OracleBatch(
            method: .mix, output: temp.appendingPathComponent("MIX"), force: false,
            separator: OracleMethod.mix.separator)
        let reports = Reports()
        let first = batch.run(database.tracks, jobs: 2) { reports.add($0) }
        XCTAssertEqual(first, OracleRunSummary(separated: 2, skipped: 0, failedTracks: [labels[2]]))
        XCTAssertEqual(first.trackCount, 3)
        XCTAssertFalse(first.succeeded)
        XCTAssertEqual(reports.sorted, labels.sorted(), "one report per track")
        for track in database.tracks.prefix(2) { XCTAssertTrue(batch.isDone(track), track.name) }

        let second = batch.run(database.tracks, jobs: 3)
        XCTAssertEqual(second, OracleRunSummary(separated: 0, skipped: 2, failedTracks: [labels[2]]))
        XCTAssertEqual(batch.run([], jobs: 2), OracleRunSummary())
    }
}

/// Reports collected from the workers.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var labels: [String] = []
    func add(_ report: OracleTrackReport) { lock.lock(); labels.append(report.label); lock.unlock() }
    var sorted: [String] { lock.lock(); defer { lock.unlock() }; return labels.sorted() }
}
