import FileOutput
import Foundation

/// Runs track jobs, a few at a time, so that no failure stops the batch and no interruption
/// loses or corrupts work:
///
/// - a track whose score file is complete (it parses and lists the expected targets) and
///   newer than all its inputs is skipped, unless `force` is set;
/// - a failing track is recorded with its reason and the others go on;
/// - each score file is written to a hidden temporary file and renamed into place, and the
///   temporary files an interrupted run left behind are removed before the track is redone,
///   so an interrupted run followed by a rerun leaves the same files as one whole run.
public struct BatchEvaluator: Sendable {
    /// Tracks scored at the same time (at least 1).
    public var jobs: Int
    /// Rescore tracks whose score files are up to date.
    public var force: Bool

    public init(jobs: Int = 1, force: Bool = false) {
        self.jobs = max(1, jobs)
        self.force = force
    }

    /// Runs `tasks` and returns one outcome per task, in task order. `onOutcome` is called as
    /// each track finishes (from any thread), e.g. to advance a progress bar.
    public func run(_ tasks: [TrackJob],
                    onOutcome: @escaping @Sendable (TrackOutcome) -> Void = { _ in }) async -> BatchReport {
        var outcomes = [TrackOutcome?](repeating: nil, count: tasks.count)
        await withTaskGroup(of: (Int, TrackOutcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                let task = tasks[index]
                let force = self.force
                group.addTask {
                    let outcome = Self.perform(task, force: force)
                    onOutcome(outcome)
                    return (index, outcome)
                }
                next += 1
            }
            while next < min(jobs, tasks.count) { launch() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < tasks.count { launch() }
            }
        }
        return BatchReport(outcomes: outcomes.map { $0! })
    }

    /// Runs one job synchronously: skip if up to date, else score and write.
    static func perform(_ task: TrackJob, force: Bool) -> TrackOutcome {
        func outcome(_ status: TrackOutcome.Status, _ adjustments: [InputAdjustment] = []) -> TrackOutcome {
            TrackOutcome(track: task.track, subset: task.subset, output: task.output, status: status, adjustments: adjustments)
        }
        if !force, let expected = task.expectedTargets,
           ScoreFileStatus.isUpToDate(task.output, expectedTargets: expected, inputs: task.inputs) {
            removeStaleTemporaries(for: task.output)
            return outcome(.upToDate)
        }
        do {
            let (scores, adjustments) = try task.score()
            try write(scores, to: task.output)
            return outcome(.scored, adjustments)
        } catch let error as TrackEvaluationError {
            return outcome(.failed(error))
        } catch {
            return outcome(.failed(.scoringFailed(track: task.track, reason: String(describing: error))))
        }
    }

    /// Creates the subset folder, removes this track's stale temporary files, and writes
    /// the scores atomically.
    static func write(_ scores: TrackScores, to url: URL) throws {
        do {
            try OutputFolder.create(url.deletingLastPathComponent())
            removeStaleTemporaries(for: url)
            try scores.write(to: url)
        } catch let error as ScoresFileError {
            throw TrackEvaluationError.writeFailed(url, reason: String(describing: error))
        } catch {
            throw TrackEvaluationError.writeFailed(url, reason: String(describing: error))
        }
    }

    /// Deletes the temporaries beside `url` that a killed run left mid-write
    /// (`FileOutput.TemporaryName`, the scheme every write here uses).
    static func removeStaleTemporaries(for url: URL) {
        TemporaryName.removeStale(for: url)
    }
}
