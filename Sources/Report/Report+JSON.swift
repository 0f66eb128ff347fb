import ScoreFiles
import Statistics

extension Report {
    /// The format of `report.json`, the numbers behind every figure (see the module README).
    public static let format = "museval-report/1"

    /// Strict JSON (NaN and ±∞ as `null`): the leaderboard's records, and per target the
    /// boxplot statistics per method, the heatmap's values and the Conover p-values.
    public func jsonString() -> String {
        func numbers(_ values: [Double]) -> OrderedJSON { .array(values.map { OrderedJSON.finite($0) }) }
        let perTarget: [(String, OrderedJSON)] = targets.map { figures in
            let boxes: [OrderedJSON] = zip(figures.methods, figures.boxplots).map { method, stats in
                .object([
                    ("method", .string(method)), ("tracks", .integer(stats.count)), ("mean", .finite(stats.mean)),
                    ("median", .finite(stats.median)), ("q1", .finite(stats.q1)), ("q3", .finite(stats.q3)),
                    ("iqr", .finite(stats.iqr)), ("whiskerLow", .finite(stats.whiskerLow)),
                    ("whiskerHigh", .finite(stats.whiskerHigh)), ("notchLow", .finite(stats.notchLow)),
                    ("notchHigh", .finite(stats.notchHigh)), ("fliers", numbers(stats.fliers))
                ])
            }
            var members: [(String, OrderedJSON)] = [
                ("methods", .array(figures.methods.map(OrderedJSON.string))),
                ("boxplots", .array(boxes)),
                (
                    "heatmap",
                    .object([
                        ("tracks", .array(figures.tracks.map(OrderedJSON.string))),
                        ("methods", .array(figures.methods.map(OrderedJSON.string))),
                        ("values", .array(figures.scores.map(numbers)))
                    ])
                )
            ]
            if let test = figures.conover {
                members.append(
                    (
                        "conover",
                        .object([
                            ("groups", .array(test.groups.map(OrderedJSON.string))),
                            ("sizes", .array(test.sizes.map(OrderedJSON.integer))),
                            ("h", .finite(test.h)),
                            ("pAdjust", .null),
                            ("p", .array(test.pValues.map(numbers)))
                        ])
                    ))
            }
            return (figures.target, .object(members))
        }
        return OrderedJSON.object([
            ("format", .string(Self.format)),
            ("title", .string(title)),
            ("metric", .string("SDR")),
            ("frames", .string(leaderboard.frames.rawValue)),
            ("leaderboardFormat", .string(Leaderboard.format)),
            ("comparability", .array(leaderboard.comparabilityIssues.map { .string($0.message) })),
            ("leaderboard", .array(leaderboard.records())),
            ("targets", .object(perTarget))
        ]).text()
    }
}
