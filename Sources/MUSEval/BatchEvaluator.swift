import FileOutput
import Foundation
import ScoreFiles

/// Runs track jobs, a few at a time, so that no failure stops the batch and no interruption
/// loses, corrupts or misattributes work:
///
/// - before anything is scored, the output folders are checked for score files of another
///   origin (another method, references or settings, or no provenance at all); such a
///   folder is refused unless `force` is set, so one folder holds one method and setting;
/// - a track whose score file stands for the same inputs and settings (`ScoreFileStatus`)
///   is skipped, unless `force` is set; the warnings of the run that scored it are kept;
/// - a failing track is recorded with its reason and the others go on; an earlier score
///   file of that track is removed, as it no longer stands for the inputs;
/// - each score file is written to a hidden temporary file and renamed into place, then its
///   provenance sidecar is written first, naming the digest of the score file's bytes, then
///   the score file; the temporary files an interrupted run left behind
///   are removed before the track is redone, so an interrupted run followed by a rerun
///   leaves the same files as one whole run.
public struct BatchEvaluator: Sendable {
    /// Tracks scored at the same time (at least 1).
    public var jobs: Int
    /// Rescore every track and replace score files of another origin.
    public var force: Bool

    public init(jobs: Int = 1, force: Bool = false) {
        self.jobs = max(1, jobs)
        self.force = force
    }

    /// Runs `tasks` and returns one outcome per task, in task order. `onOutcome` is called as
    /// each track finishes (from any thread), e.g. to advance a progress bar.
    ///
    /// - Throws: `EvaluationError.foreignScores`, before scoring anything, when an output
    ///   folder holds score files of another origin and `force` is not set.
    public func run(
        _ tasks: [TrackJob],
        onOutcome: @escaping @Sendable (TrackOutcome) -> Void = { _ in }
    ) async throws -> BatchReport {
        let conflicts = Self.conflicts(tasks)
        if !force, let first = conflicts.first,
            let task = tasks.first(where: {
                $0.output.deletingLastPathComponent().standardizedFileURL
                    == first.file.deletingLastPathComponent().standardizedFileURL
            })
        {
            throw OriginConflict.refusal(
                conflicts, folder: task.output.deletingLastPathComponent().deletingLastPathComponent(),
                origin: task.origin)
        }
        let outputs = Set(tasks.map { $0.output.standardizedFileURL.path })
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
        return BatchReport(
            outcomes: outcomes.map { $0! },
            otherOrigins: conflicts.filter { !outputs.contains($0.file.standardizedFileURL.path) })
    }

    /// The score files of another origin in the folders `tasks` write to.
    static func conflicts(_ tasks: [TrackJob]) -> [OriginConflict] {
        var byOrigin = [ScoreOrigin: [URL]]()
        for task in tasks { byOrigin[task.origin, default: []].append(task.output.deletingLastPathComponent()) }
        return byOrigin.sorted { $0.key.description < $1.key.description }
            .flatMap { OriginConflict.find(in: $0.value, origin: $0.key) }
    }

    /// Runs one job synchronously: skip if up to date, else score and write.
    static func perform(_ task: TrackJob, force: Bool) -> TrackOutcome {
        func outcome(
            _ status: TrackOutcome.Status, _ adjustments: [InputAdjustment] = [], kept: [String] = [],
            removed: Bool = false
        ) -> TrackOutcome {
            TrackOutcome(
                track: task.track, subset: task.subset, output: task.output, status: status,
                adjustments: adjustments, keptWarnings: kept, removedStale: removed)
        }
        if !force, let provenance = ScoreFileStatus.upToDate(task) {
            removeStaleTemporaries(for: task.output)
            return outcome(.upToDate, kept: provenance.adjustments + provenance.warnings)
        }
        // Taken before the inputs are read: a file changed while scoring makes the next run redo it.
        let fingerprints = task.fingerprints()
        do {
            let (scores, adjustments) = try task.score()
            try write(scores, to: task.output) { digest in
                Provenance(
                    track: task.track, subset: task.subset, command: "evaluate", origin: task.origin,
                    inputs: fingerprints, scoreFile: digest, adjustments: adjustments.map(\.description))
            }
            return outcome(.scored, adjustments)
        } catch let error as TrackEvaluationError {
            return outcome(.failed(error), removed: Provenance.remove(scoreFile: task.output))
        } catch {
            return outcome(
                .failed(.scoringFailed(track: task.track, reason: String(describing: error))),
                removed: Provenance.remove(scoreFile: task.output))
        }
    }

    /// Creates the folder, removes this track's stale temporary files, and writes the
    /// provenance (made from the digest of the bytes about to be written) and then the
    /// scores, each atomically. A run killed between the two leaves a sidecar of this
    /// origin whose digest does not match the score file beside it: the track is rescored,
    /// and the folder is not mistaken for one of unknown origin.
    static func write(_ scores: TrackScores, to url: URL, provenance: (String) -> Provenance) throws {
        let folder = url.deletingLastPathComponent()
        let text = scores.jsonString()
        let sidecar = Provenance.url(for: url)
        do {
            try OutputFolder.create(folder)
        } catch {
            throw TrackEvaluationError.writeFailed(url, reason: WriteFailureReason.reason(writing: url, error: error))
        }
        removeStaleTemporaries(for: url)
        do {
            try provenance(Provenance.digest(of: Data(text.utf8))).write(for: url)
        } catch {
            throw TrackEvaluationError.writeFailed(
                sidecar, reason: WriteFailureReason.reason(writing: sidecar, error: error))
        }
        // The whole-track sidecar (`.<track>.global`) before the score file, as the provenance.
        if let global = scores.global {
            do { try global.write(besideScoreFile: url) } catch {
                let sidecar = TrackGlobalScores.url(for: url)
                throw TrackEvaluationError.writeFailed(
                    sidecar, reason: WriteFailureReason.reason(writing: sidecar, error: error))
            }
        }
        do {
            try AtomicFile.write(text, to: url)
        } catch {
            throw TrackEvaluationError.writeFailed(url, reason: WriteFailureReason.reason(writing: url, error: error))
        }
    }

    /// Deletes the temporaries beside `url` and its sidecar that a killed run left mid-write
    /// (`FileOutput.TemporaryName`, the scheme every write here uses).
    static func removeStaleTemporaries(for url: URL) {
        TemporaryName.removeStale(for: url)
        TemporaryName.removeStale(for: Provenance.url(for: url))
        TemporaryName.removeStale(for: TrackGlobalScores.url(for: url))
    }
}
