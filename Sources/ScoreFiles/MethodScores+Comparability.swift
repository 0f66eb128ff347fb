extension MethodScores {
    /// The whole-track aggregates of every target (`GlobalAggregate`), in MUSDB order.
    public func globalAggregates() -> [GlobalAggregate] {
        targetNames.map { name in
            let withTarget = tracks.filter { $0[target: name] != nil }
            let figures = withTarget.compactMap { $0.global?[target: name] }
            return GlobalAggregate(
                target: name, globalSDR: Aggregation.nanMean(figures.map(\.globalSDR)),
                siSDR: Aggregation.nanMean(figures.map(\.siSDR)), trackCount: figures.count,
                missingCount: withTarget.count - figures.count)
        }
    }

    /// The distinct settings of the tracks, in track order: window and hop as each track's
    /// frames show them, the mode from its sidecar (nil without one).
    public var setups: [ScoringSetup] {
        var seen: [ScoringSetup] = []
        for track in tracks {
            let (window, hop) = MethodScores(name: name, tracks: [track]).windowAndHop
            let setup = ScoringSetup(mode: track.global?.setup.mode, window: window, hop: hop)
            if !seen.contains(setup) { seen.append(setup) }
        }
        return seen
    }

    /// Track counts per subset folder, sorted by name; `unknown` for files read directly
    /// from a results folder that is no subset folder.
    public var subsetCounts: [(subset: String, tracks: Int)] {
        var counts: [String: Int] = [:]
        for track in tracks { counts[track.subset ?? "unknown", default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { (subset: $0.key, tracks: $0.value) }
    }

    /// The method restricted to the tracks named in `names` (MUSDB track names are unique
    /// across subsets, so the name identifies a track).
    public func restricted(to names: Set<String>) -> MethodScores {
        MethodScores(name: name, tracks: tracks.filter { names.contains($0.track) })
    }
}
