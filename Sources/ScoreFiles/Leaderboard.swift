import Foundation

/// Aggregate scores of several methods side by side, what makes them comparable or not, and
/// their rankings: per target, and overall by the mean over the four MUSDB targets (vocals,
/// drums, bass, other).
public struct Leaderboard: Sendable {
    /// One method's row: where its scores came from, how they were made, and every aggregate.
    public struct Entry: Sendable {
        public var method: String
        /// The results folder, when read from disk.
        public var folder: String?
        /// Number of track files aggregated.
        public var trackCount: Int
        /// Tracks left out by `--common-tracks` (not scored by every method).
        public var tracksLeftOut: Int
        /// Evaluation window and hop in seconds, as the frames of the first tracks show them.
        public var window: Double?
        public var hop: Double?
        /// Every distinct setting among the tracks (window, hop, mode); more than one is a
        /// comparability issue.
        public var setups: [ScoringSetup]
        /// Track counts per subset folder.
        public var subsets: [(subset: String, tracks: Int)]
        /// The track names, sorted.
        public var trackNames: [String]
        /// The `museval_version` values found in the files (nil: files without the field).
        public var musevalVersions: [String?]
        /// Every (target, metric) aggregate, targets in MUSDB order, metrics SDR, SIR, SAR, ISR.
        public var aggregates: [ScoreAggregate]
        /// The SDR mean of medians per target (median over frames, mean over tracks).
        public var meanOfMedians: [ScoreAggregate]
        /// The whole-track figures per target (uSDR, SI-SDR), from the sidecars.
        public var global: [GlobalAggregate]

        /// The aggregate for `target` and `metric`, if the method has that target.
        public func aggregate(_ target: String, _ metric: Metric) -> ScoreAggregate? {
            aggregates.first { $0.target == target && $0.metric == metric }
        }

        /// The number shown for `target` and `metric`: nil when the method lacks the target
        /// (or, for uSDR and SI-SDR, has no sidecar for it); NaN when nothing could be scored.
        public func value(_ target: String, _ metric: LeaderboardMetric) -> Double? {
            switch metric {
            case .sdr, .sir, .sar, .isr:
                return metric.frameMetric.flatMap { aggregate(target, $0)?.value }
            case .sdrMeanOfMedians:
                return meanOfMedians.first { $0.target == target }?.value
            case .globalSDR, .siSDR:
                guard let figures = global.first(where: { $0.target == target }), figures.trackCount > 0 else {
                    return nil
                }
                return metric == .globalSDR ? figures.globalSDR : figures.siSDR
            }
        }

        /// The mean of `metric` over vocals, drums, bass and other; NaN unless all four are numbers.
        public func meanOverTargets(_ metric: LeaderboardMetric) -> Double {
            let values = TargetOrder.ranking.map { value($0, metric) ?? .nan }
            return values.contains(where: \.isNaN) ? .nan : values.reduce(0, +) / Double(values.count)
        }

        /// The mean of the SDR aggregates of vocals, drums, bass and other; NaN unless all
        /// four are numbers.
        public var meanSDR: Double { meanOverTargets(.sdr) }

        /// Whether any track of this method has whole-track figures.
        public var hasGlobalFigures: Bool { global.contains { $0.trackCount > 0 } }
    }

    /// One place of a ranking.
    public struct Rank: Sendable, Hashable {
        /// 1-based; nil for methods without the number (listed last).
        public var rank: Int?
        public var method: String
        /// The number ranked by (for the overall ranking: the mean over the four targets).
        public var meanSDR: Double

        public init(rank: Int?, method: String, meanSDR: Double) {
            self.rank = rank
            self.method = method
            self.meanSDR = meanSDR
        }
    }

    /// The aggregation over frames, then over tracks.
    public var frames: Aggregation
    public var tracks: Aggregation
    /// Whether every method was restricted to the tracks all of them have.
    public var commonTracks: Bool
    /// The methods in the order given.
    public var entries: [Entry]

    /// Aggregates `methods` (their folders, if known, in `folders`, same order). With
    /// `commonTracks`, every method is first restricted to the tracks all of them have.
    public init(
        methods: [MethodScores], folders: [String?] = [],
        frames: Aggregation = .median, tracks: Aggregation = .median, commonTracks: Bool = false
    ) {
        self.frames = frames
        self.tracks = tracks
        self.commonTracks = commonTracks
        var shared: Set<String>?
        if commonTracks {
            for method in methods {
                let names = Set(method.tracks.map(\.track))
                shared = shared.map { $0.intersection(names) } ?? names
            }
        }
        self.entries = methods.enumerated().map { index, full in
            let method = shared.map { full.restricted(to: $0) } ?? full
            let (window, hop) = method.windowAndHop
            let aggregates = method.aggregates(frames: frames, tracks: tracks)
            let meanOfMedians =
                frames == .median && tracks == .mean ? aggregates : method.aggregates(frames: .median, tracks: .mean)
            return Entry(
                method: method.name, folder: index < folders.count ? folders[index] : nil,
                trackCount: method.tracks.count, tracksLeftOut: full.tracks.count - method.tracks.count,
                window: window, hop: hop, setups: method.setups, subsets: method.subsetCounts,
                trackNames: method.tracks.map(\.track).sorted(),
                musevalVersions: method.musevalVersions, aggregates: aggregates,
                meanOfMedians: meanOfMedians.filter { $0.metric == .sdr }, global: method.globalAggregates())
        }
    }

    /// Methods by descending mean SDR over vocals, drums, bass, other; those lacking one of the
    /// four come last, unranked. Equal scores keep the given order.
    public var ranking: [Rank] { ranking(by: .sdr) }

    /// Methods by descending mean of `metric` over vocals, drums, bass and other; those lacking
    /// one of the four come last, unranked. Equal scores keep the given order.
    public func ranking(by metric: LeaderboardMetric) -> [Rank] {
        Self.rank(entries.map { (method: $0.method, value: $0.meanOverTargets(metric)) })
    }

    /// Methods by descending `metric` of `target`; those without it come last, unranked.
    public func ranking(of target: String, by metric: LeaderboardMetric) -> [Rank] {
        Self.rank(entries.map { (method: $0.method, value: $0.value(target, metric) ?? .nan) })
    }

    private static func rank(_ scored: [(method: String, value: Double)]) -> [Rank] {
        let ranked = scored.filter { !$0.value.isNaN }.enumerated()
            .sorted {
                $0.element.value != $1.element.value ? $0.element.value > $1.element.value : $0.offset < $1.offset
            }
            .map(\.element)
        let unranked = scored.filter { $0.value.isNaN }
        return ranked.enumerated().map {
            Rank(rank: $0.offset + 1, method: $0.element.method, meanSDR: $0.element.value)
        }
            + unranked.map { Rank(rank: nil, method: $0.method, meanSDR: .nan) }
    }

    /// All target names of all methods, in MUSDB order.
    public var targetNames: [String] {
        TargetOrder.sorted(Set(entries.flatMap { $0.aggregates.map(\.target) }))
    }

    /// Whether any method has whole-track figures (uSDR, SI-SDR).
    public var hasGlobalFigures: Bool { entries.contains(where: \.hasGlobalFigures) }
}
