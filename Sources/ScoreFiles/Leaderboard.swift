import Foundation

/// Aggregate scores of several methods side by side, and their ranking by mean SDR over the
/// four MUSDB targets (vocals, drums, bass, other).
public struct Leaderboard: Sendable {
    /// One method's row: where its scores came from and every aggregate.
    public struct Entry: Sendable {
        public var method: String
        /// The results folder, when read from disk.
        public var folder: String?
        /// Number of track files read.
        public var trackCount: Int
        /// Evaluation window and hop in seconds, as the frames show them.
        public var window: Double?
        public var hop: Double?
        /// The `museval_version` values found in the files (nil: files without the field).
        public var musevalVersions: [String?]
        /// Every (target, metric) aggregate, targets in MUSDB order, metrics SDR, SIR, SAR, ISR.
        public var aggregates: [ScoreAggregate]

        /// The aggregate for `target` and `metric`, if the method has that target.
        public func aggregate(_ target: String, _ metric: Metric) -> ScoreAggregate? {
            aggregates.first { $0.target == target && $0.metric == metric }
        }

        /// The mean of the SDR aggregates of vocals, drums, bass and other; NaN unless all
        /// four are numbers.
        public var meanSDR: Double {
            let values = TargetOrder.ranking.map { aggregate($0, .sdr)?.value ?? .nan }
            return values.contains(where: \.isNaN) ? .nan : values.reduce(0, +) / Double(values.count)
        }
    }

    /// One place of the ranking.
    public struct Rank: Sendable, Hashable {
        /// 1-based; nil for methods without SDR for all four ranking targets (listed last).
        public var rank: Int?
        public var method: String
        public var meanSDR: Double
    }

    /// The aggregation over frames, then over tracks.
    public var frames: Aggregation
    public var tracks: Aggregation
    /// The methods in the order given.
    public var entries: [Entry]

    /// Aggregates `methods` (their folders, if known, in `folders`, same order).
    public init(
        methods: [MethodScores], folders: [String?] = [],
        frames: Aggregation = .median, tracks: Aggregation = .median
    ) {
        self.frames = frames
        self.tracks = tracks
        self.entries = methods.enumerated().map { index, method in
            let (window, hop) = method.windowAndHop
            return Entry(
                method: method.name, folder: index < folders.count ? folders[index] : nil,
                trackCount: method.tracks.count, window: window, hop: hop,
                musevalVersions: method.musevalVersions,
                aggregates: method.aggregates(frames: frames, tracks: tracks))
        }
    }

    /// Methods by descending mean SDR over vocals, drums, bass, other; those lacking one of the
    /// four come last, unranked. Equal scores keep the given order.
    public var ranking: [Rank] {
        let scored = entries.map { (method: $0.method, meanSDR: $0.meanSDR) }
        let ranked = scored.filter { !$0.meanSDR.isNaN }.enumerated()
            .sorted {
                $0.element.meanSDR != $1.element.meanSDR
                    ? $0.element.meanSDR > $1.element.meanSDR : $0.offset < $1.offset
            }
            .map(\.element)
        let unranked = scored.filter { $0.meanSDR.isNaN }
        return ranked.enumerated().map {
            Rank(rank: $0.offset + 1, method: $0.element.method, meanSDR: $0.element.meanSDR)
        }
            + unranked.map { Rank(rank: nil, method: $0.method, meanSDR: .nan) }
    }

    /// All target names of all methods, in MUSDB order.
    public var targetNames: [String] {
        TargetOrder.sorted(Set(entries.flatMap { $0.aggregates.map(\.target) }))
    }
}
