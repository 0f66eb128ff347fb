import FileOutput
import Foundation

/// What `museval aggregate` ranks, read from disk: every results folder's scores, the files
/// and folders that could not be used, and the methods that have scores. One bad file never
/// hides the other files' scores; it is a failure to report.
public struct LeaderboardInput: Sendable {
    /// The folders, in the order given.
    public let folders: [ResultsFolder]
    /// Each folder's scores, in the same order (no tracks when none of its files was usable).
    public let methods: [MethodScores]
    /// Every file or folder that could not be read, folder by folder.
    public let failures: [ScoresFileError]

    public init(folders: [ResultsFolder], methods: [MethodScores], failures: [ScoresFileError]) {
        self.folders = folders
        self.methods = methods
        self.failures = failures
    }

    /// Reads every folder in turn (each one's files several at a time, `ResultsFolder.load`).
    public static func load(_ folders: [ResultsFolder]) async -> LeaderboardInput {
        var methods: [MethodScores] = []
        var failures: [ScoresFileError] = []
        for folder in folders {
            let (scores, problems) = await folder.load()
            methods.append(scores)
            failures += problems
        }
        return LeaderboardInput(folders: folders, methods: methods, failures: failures)
    }

    /// The methods with at least one track, with their folders: what a leaderboard shows.
    public var usable: [(scores: MethodScores, folder: ResultsFolder)] {
        zip(methods, folders).filter { !$0.0.tracks.isEmpty }.map { (scores: $0.0, folder: $0.1) }
    }

    /// The leaderboard of the usable methods, or nil when no method has a track. With
    /// `commonTracks`, every method is restricted to the tracks all of them have.
    public func leaderboard(frames: Aggregation, tracks: Aggregation, commonTracks: Bool = false) -> Leaderboard? {
        let usable = usable
        guard !usable.isEmpty else { return nil }
        return Leaderboard(
            methods: usable.map(\.scores), folders: usable.map(\.folder.url.path),
            frames: frames, tracks: tracks, commonTracks: commonTracks)
    }

    /// The usable methods' scores, restricted to the tracks all of them have when `commonTracks`.
    public func scores(commonTracks: Bool) -> [MethodScores] {
        let methods = usable.map(\.scores)
        guard commonTracks, let first = methods.first else { return methods }
        let shared = methods.dropFirst().reduce(Set(first.tracks.map(\.track))) {
            $0.intersection($1.tracks.map(\.track))
        }
        return methods.map { $0.restricted(to: shared) }
    }

    /// Writes `leaderboard` as JSON to `json`, the usable methods' frame scores as a long CSV
    /// table to `csv` and their per-track aggregates to `perTrackCSV` (each when given; `-` is
    /// standard output), and returns what could not be written: one failure never stops the
    /// other files.
    public func write(
        _ leaderboard: Leaderboard, json: OutputDestination?, csv: OutputDestination?,
        perTrackCSV: OutputDestination? = nil
    ) -> [ScoresFileError] {
        var failures: [ScoresFileError] = []
        func attempt(_ destination: OutputDestination?, _ write: (OutputDestination) throws -> Void) {
            guard let destination else { return }
            do {
                try write(destination)
            } catch {
                failures.append(
                    error as? ScoresFileError ?? .unwritable(path: destination.description, reason: "\(error)"))
            }
        }
        attempt(json) { try leaderboard.write(to: $0) }
        let methods = scores(commonTracks: leaderboard.commonTracks)
        attempt(csv) { try ScoresCSV.write(methods, to: $0) }
        attempt(perTrackCSV) { try PerTrackCSV.write(methods, frames: leaderboard.frames, to: $0) }
        return failures
    }
}
