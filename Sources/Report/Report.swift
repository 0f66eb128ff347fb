import ScoreFiles
import Statistics

/// Everything `museval report` shows, computed once from the score files: the leaderboard,
/// and per target the per-track scores of every method with their boxplot statistics and
/// the Conover post-hoc p-values. The HTML (`html()`), the figures (`figures()`) and the
/// numbers behind them (`jsonString()`) are all drawn from this one value, so they agree.
public struct Report: Sendable {
    /// One target's figures.
    public struct TargetFigures: Sendable {
        public var target: String
        /// The methods with scores for the target, by descending median (the boxplot order;
        /// ties keep the leaderboard's order).
        public var methods: [String]
        /// The tracks any of them has, sorted by name (the heatmap's rows).
        public var tracks: [String]
        /// `scores[track][method]`: the track's frame aggregate of SDR (NaN: not scored).
        public var scores: [[Double]]
        /// The boxplot statistics of each method's per-track scores, in `methods` order.
        public var boxplots: [BoxplotStatistics]
        /// Conover's test on the per-track scores (groups sorted by name); nil below two methods.
        public var conover: ConoverTest?
    }

    public var title: String
    public var leaderboard: Leaderboard
    public var table: LeaderboardTable
    public var targets: [TargetFigures]

    /// The report of `methods` (the leaderboard's, in the same order, restricted as it was).
    public init(
        title: String = "Source separation results", leaderboard: Leaderboard, methods: [MethodScores],
        table: LeaderboardTable
    ) {
        self.title = title
        self.leaderboard = leaderboard
        self.table = table
        let perTrack = methods.map { $0.trackAggregates(frames: leaderboard.frames) }
        targets = leaderboard.targetNames.compactMap { target in
            var columns: [(method: String, byTrack: [String: Double])] = []
            for (method, aggregates) in zip(methods, perTrack) {
                guard let values = aggregates[target]?[.sdr] else { continue }
                var byTrack: [String: Double] = [:]
                // One value per track (NaN where the track lacks the target: left out).
                for (track, value) in zip(method.tracks, values) where track[target: target] != nil {
                    byTrack[track.track] = value
                }
                if !byTrack.isEmpty { columns.append((method.name, byTrack)) }
            }
            guard !columns.isEmpty else { return nil }
            let stats = columns.map { BoxplotStatistics(Array($0.byTrack.values)) }
            let order = columns.indices.sorted {
                let a = stats[$0].median.isNaN ? -Double.infinity : stats[$0].median
                let b = stats[$1].median.isNaN ? -Double.infinity : stats[$1].median
                return a != b ? a > b : $0 < $1
            }
            let tracks = Set(columns.flatMap { $0.byTrack.keys })
                .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            let scores = tracks.map { track in order.map { columns[$0].byTrack[track] ?? .nan } }
            let samples = Dictionary(uniqueKeysWithValues: columns.map { ($0.method, Array($0.byTrack.values)) })
            return TargetFigures(
                target: target, methods: order.map { columns[$0].method }, tracks: tracks, scores: scores,
                boxplots: order.map { stats[$0] }, conover: columns.count >= 2 ? ConoverTest(samples) : nil)
        }
    }
}
