/// The scores of one separation method: one `TrackScores` per evaluated track, as read from
/// its results folder (`OUT/<subset>/<track>.json`).
public struct MethodScores: Hashable, Sendable {
    /// The method name shown in tables and leaderboards, e.g. "IRM2".
    public var name: String
    /// The tracks, in file order (sorted by subset, then file name).
    public var tracks: [TrackScores]

    public init(name: String, tracks: [TrackScores]) {
        self.name = name
        self.tracks = tracks
    }

    /// The target names found in any track, in MUSDB's order (vocals, drums, bass, other,
    /// accompaniment, linear_mixture), then any others alphabetically.
    public var targetNames: [String] {
        TargetOrder.sorted(Set(tracks.flatMap { $0.targets.map(\.name) }))
    }

    /// The evaluation window and hop in seconds, as the frames show them: `duration` of the
    /// first frame, and the time step between its first two frames (nil with one frame).
    public var windowAndHop: (window: Double?, hop: Double?) {
        var window: Double?
        for track in tracks {
            for target in track.targets where !target.frames.isEmpty {
                window = window ?? target.frames[0].duration
                if target.frames.count > 1 {
                    return (window, target.frames[1].time - target.frames[0].time)
                }
            }
        }
        return (window, nil)
    }

    /// The distinct `museval_version` values of the tracks (nil for files without one).
    public var musevalVersions: [String?] {
        var seen: [String?] = []
        for track in tracks where !seen.contains(track.musevalVersion) { seen.append(track.musevalVersion) }
        return seen
    }
}
