import Foundation
import MUSDB

extension OracleBatch {
    /// Processes `tracks` (`process(_:)`) on up to `jobs` worker threads, each taking the
    /// next track when it is done with one, so at most `jobs` tracks are in memory. A track
    /// that fails is counted and the others go on.
    ///
    /// `progress` is called once per track as it finishes, from the worker's thread: calls
    /// may overlap, so it must be safe to call concurrently (`ProgressBar` is).
    public func run(
        _ tracks: [Track], jobs: Int,
        progress: @Sendable (OracleTrackReport) -> Void = { _ in }
    ) -> OracleRunSummary {
        guard !tracks.isEmpty else { return OracleRunSummary() }
        let state = RunState()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, tracks.count))) { _ in
            while let index = state.nextIndex(below: tracks.count) {
                let track = tracks[index]
                let report = OracleTrackReport(track: track, result: Result { try process(track) })
                state.record(report, index: index)
                progress(report)
            }
        }
        return state.summary
    }
}

/// The shared counters of one run: the next track to take and what finished, under a lock.
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var separated = 0
    private var skipped = 0
    private var failed: [(index: Int, label: String)] = []

    /// The next unclaimed index, or nil when all `count` are taken.
    func nextIndex(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func record(_ report: OracleTrackReport, index: Int) {
        lock.lock()
        defer { lock.unlock() }
        switch report.result {
        case .success(.skipped): skipped += 1
        case .success(.separated): separated += 1
        case .failure: failed.append((index, report.label))
        }
    }

    var summary: OracleRunSummary {
        lock.lock()
        defer { lock.unlock() }
        return OracleRunSummary(
            separated: separated, skipped: skipped,
            failedTracks: failed.sorted { $0.index < $1.index }.map(\.label))
    }
}
