import Foundation

/// Whether an existing score file can stand for a new run.
public enum ScoreFileStatus {
    /// True when `url` parses as a museval score file listing exactly `expectedTargets`
    /// (in that order, each with at least one frame) and was modified no earlier than every
    /// file in `inputs`. A missing, half-written, foreign or stale file is false.
    public static func isUpToDate(_ url: URL, expectedTargets: [String], inputs: [URL]) -> Bool {
        guard let written = modificationDate(of: url),
              let scores = try? TrackScores(contentsOf: url),
              scores.targets.map(\.name) == expectedTargets,
              scores.targets.allSatisfy({ !$0.frames.isEmpty }) else { return false }
        for input in inputs {
            guard let changed = modificationDate(of: input), changed <= written else { return false }
        }
        return true
    }

    static func modificationDate(of url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }
}
