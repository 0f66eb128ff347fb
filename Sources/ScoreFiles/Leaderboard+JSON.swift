import FileOutput
import Foundation

extension Leaderboard {
    /// The leaderboard file format written by `museval aggregate -o` (see the module README).
    /// Version 2 added `records` (one flat record per method, target and metric, what
    /// `pandas.json_normalize` turns into a table), `comparability`, the per-target rankings,
    /// and per method its subsets, settings and whole-track figures.
    public static let format = "museval-leaderboard/2"

    /// Strict JSON (NaN and ±∞ written as `null`), indent 2, members in a fixed order.
    public func jsonString() -> String {
        func ranks(_ list: [Rank], key: String) -> OrderedJSON {
            .array(
                list.map { rank in
                    .object([
                        ("rank", rank.rank.map(OrderedJSON.integer) ?? .null),
                        ("method", .string(rank.method)),
                        (key, .finite(rank.meanSDR))
                    ])
                })
        }
        func setupJSON(_ setup: ScoringSetup) -> OrderedJSON {
            .object([
                ("mode", setup.mode.map(OrderedJSON.string) ?? .null), ("window", .finite(setup.window)),
                ("hop", .finite(setup.hop))
            ])
        }
        let methods: [OrderedJSON] = entries.map { entry in
            let targets = TargetOrder.sorted(Set(entry.aggregates.map(\.target)))
            let perTarget: [(String, OrderedJSON)] = targets.map { target in
                let metrics: [(String, OrderedJSON)] = entry.aggregates.filter { $0.target == target }.map { a in
                    (
                        a.metric.name,
                        .object([
                            ("value", .finite(a.value)),
                            ("tracks", .integer(a.trackCount)),
                            ("scoredTracks", .integer(a.scoredTrackCount)),
                            ("frames", .integer(a.frameCount)),
                            ("nanFrames", .integer(a.nanFrameCount))
                        ])
                    )
                }
                return (target, .object(metrics))
            }
            // The numbers beside museval's four, per target: SDR-mean, and uSDR / SI-SDR with
            // the tracks whose sidecars they come from.
            let figures: [(String, OrderedJSON)] = targets.map { target in
                var members: [(String, OrderedJSON)] = [
                    (LeaderboardMetric.sdrMeanOfMedians.rawValue, .finite(entry.value(target, .sdrMeanOfMedians)))
                ]
                let global = entry.global.first { $0.target == target }
                members.append((LeaderboardMetric.globalSDR.rawValue, .finite(entry.value(target, .globalSDR))))
                members.append((LeaderboardMetric.siSDR.rawValue, .finite(entry.value(target, .siSDR))))
                members.append(("globalTracks", .integer(global?.trackCount ?? 0)))
                return (target, .object(members))
            }
            return .object([
                ("method", .string(entry.method)),
                ("folder", entry.folder.map(OrderedJSON.string) ?? .null),
                ("tracks", .integer(entry.trackCount)),
                ("tracksLeftOut", .integer(entry.tracksLeftOut)),
                ("subsets", .object(entry.subsets.map { ($0.subset, .integer($0.tracks)) })),
                ("window", .finite(entry.window)),
                ("hop", .finite(entry.hop)),
                ("settings", .array(entry.setups.map(setupJSON))),
                ("musevalVersions", .array(entry.musevalVersions.map { $0.map(OrderedJSON.string) ?? .null })),
                ("meanSDR", .finite(entry.meanSDR)),
                ("targets", .object(perTarget)),
                ("figures", .object(figures))
            ])
        }
        let targets = targetNames
        return OrderedJSON.object([
            ("format", .string(Self.format)),
            (
                "tool",
                .object([
                    ("name", .string("museval (musdb-museval, Swift)")),
                    ("compatibleWith", .string("museval " + TrackScores.musevalVersion))
                ])
            ),
            ("aggregation", .object([("frames", .string(frames.rawValue)), ("tracks", .string(tracks.rawValue))])),
            ("commonTracks", .bool(commonTracks)),
            (
                "definitions",
                .object(
                    LeaderboardMetric.allCases.map {
                        ($0.rawValue, .string($0.definition(frames: frames, tracks: tracks)))
                    })
            ),
            (
                "comparability",
                .array(
                    comparabilityIssues.map {
                        .object([("kind", .string($0.kind.rawValue)), ("message", .string($0.message))])
                    })
            ),
            (
                "rankedBy",
                .object([
                    ("metric", .string("SDR")),
                    ("targets", .array(TargetOrder.ranking.map(OrderedJSON.string))),
                    ("statistic", .string("mean of the per-target aggregates"))
                ])
            ),
            ("ranking", ranks(ranking, key: "meanSDR")),
            ("targetRankings", .object(targets.map { ($0, ranks(ranking(of: $0, by: .sdr), key: "SDR")) })),
            ("methods", .array(methods)),
            ("records", .array(records()))
        ]).text()
    }

    /// One flat record per method, target and leaderboard metric: every column a scalar, so
    /// `pandas.json_normalize(doc["records"])` (or `pandas.DataFrame`) gives the long table.
    public func records() -> [OrderedJSON] {
        var result: [OrderedJSON] = []
        for entry in entries {
            let setup = entry.setups.count == 1 ? entry.setups.first : nil
            let targetRanks = Dictionary(
                uniqueKeysWithValues: targetNames.map { target in
                    (
                        target,
                        Dictionary(uniqueKeysWithValues: ranking(of: target, by: .sdr).map { ($0.method, $0.rank) })
                    )
                })
            for target in TargetOrder.sorted(Set(entry.aggregates.map(\.target))) {
                for metric in LeaderboardMetric.allCases {
                    guard let value = entry.value(target, metric) else { continue }
                    let aggregate = metric.frameMetric.flatMap { entry.aggregate(target, $0) }
                    let figures = entry.global.first { $0.target == target }
                    let tracks: Int
                    switch metric {
                    case .globalSDR, .siSDR: tracks = figures?.trackCount ?? 0
                    default: tracks = aggregate?.scoredTrackCount ?? 0
                    }
                    result.append(
                        .object([
                            ("method", .string(entry.method)),
                            ("target", .string(target)),
                            ("metric", .string(metric.rawValue)),
                            ("value", .finite(value)),
                            ("tracks", .integer(tracks)),
                            (
                                "rank",
                                metric == .sdr
                                    ? (targetRanks[target]?[entry.method] ?? nil).map(OrderedJSON.integer) ?? .null
                                    : .null
                            ),
                            ("mode", setup?.mode.map(OrderedJSON.string) ?? .null),
                            ("window", .finite(setup?.window)),
                            ("hop", .finite(setup?.hop)),
                            ("subsets", .string(entry.subsets.map(\.subset).joined(separator: ",")))
                        ]))
                }
            }
        }
        return result
    }

    /// Writes `jsonString()` to `url` atomically.
    public func write(to url: URL) throws {
        try write(to: .file(url))
    }

    /// Writes `jsonString()` to `destination`: standard output, or a file replaced atomically.
    public func write(to destination: OutputDestination) throws {
        try ScoresFileError.mappingWrite { try destination.write(jsonString()) }
    }
}
