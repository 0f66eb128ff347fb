import Foundation
import ScoreFiles

/// Whether an existing score file can stand for a new run.
enum ScoreFileStatus {
    /// The sidecar of `task.output` when the score file stands for this run: it parses as a
    /// museval score file listing exactly the expected targets (each with at least one
    /// frame), its bytes are the ones the sidecar recorded, the sidecar's origin (method,
    /// references, settings) is the task's, and every input file (estimates and
    /// references) has the size, mtime and edge hash recorded. Anything else is nil: a
    /// missing, half-written, foreign or stale file is rescored.
    static func upToDate(_ task: TrackJob) -> Provenance? {
        guard let expected = task.expectedTargets,
            let provenance = Provenance.read(for: task.output),
            provenance.origin == task.origin,
            let scores = try? TrackScores(contentsOf: task.output),
            scores.targets.map(\.name) == expected,
            scores.targets.allSatisfy({ !$0.frames.isEmpty }),
            Provenance.digest(of: task.output) == provenance.scoreFile
        else { return nil }
        let current = task.fingerprints()
        guard current.count == task.inputs.count + task.references.count,
            current == provenance.inputs
        else { return nil }
        return provenance
    }
}
