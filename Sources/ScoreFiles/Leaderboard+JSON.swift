import FileOutput
import Foundation

extension Leaderboard {
    /// The leaderboard file format written by `museval aggregate -o` (see the module README).
    public static let format = "museval-leaderboard/1"

    /// Strict JSON (NaN and ±∞ written as `null`), indent 2, members in a fixed order.
    public func jsonString() -> String {
        let ranks: [OrderedJSON] = ranking.map { rank in
            .object([
                ("rank", rank.rank.map(OrderedJSON.integer) ?? .null),
                ("method", .string(rank.method)),
                ("meanSDR", .finite(rank.meanSDR))
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
            return .object([
                ("method", .string(entry.method)),
                ("folder", entry.folder.map(OrderedJSON.string) ?? .null),
                ("tracks", .integer(entry.trackCount)),
                ("window", .finite(entry.window)),
                ("hop", .finite(entry.hop)),
                ("musevalVersions", .array(entry.musevalVersions.map { $0.map(OrderedJSON.string) ?? .null })),
                ("meanSDR", .finite(entry.meanSDR)),
                ("targets", .object(perTarget))
            ])
        }
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
            (
                "rankedBy",
                .object([
                    ("metric", .string("SDR")),
                    ("targets", .array(TargetOrder.ranking.map(OrderedJSON.string))),
                    ("statistic", .string("mean of the per-target aggregates"))
                ])
            ),
            ("ranking", .array(ranks)),
            ("methods", .array(methods))
        ]).text()
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
