extension Leaderboard {
    /// A plain-text table for the terminal: one row per target and metric, one column per
    /// method, scores in dB with 2 decimals ("nan" when no frame could be scored, "—" when the
    /// method has no such target), then the ranking.
    public func table() -> String {
        let methods = entries.map(\.method)
        let widths = methods.map { max($0.count, 8) }
        let targetWidth = max(14, (targetNames.map(\.count).max() ?? 0) + 2)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        var lines: [String] = []
        lines.append("Scores in dB: \(frames.rawValue) over frames, \(tracks.rawValue) over tracks")
        var header = pad("target", targetWidth, left: true) + pad("metric", 6, left: true)
        for (method, width) in zip(methods, widths) { header += "  " + pad(method, width) }
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for target in targetNames {
            for (m, metric) in Metric.jsonOrder.enumerated() {
                var line = pad(m == 0 ? target : "", targetWidth, left: true) + pad(metric.name, 6, left: true)
                for (entry, width) in zip(entries, widths) {
                    let cell: String
                    if let aggregate = entry.aggregate(target, metric) {
                        cell = aggregate.value.isNaN ? "nan" : Self.twoDecimals(aggregate.value)
                    } else {
                        cell = "—"
                    }
                    line += "  " + pad(cell, width)
                }
                lines.append(line)
            }
        }
        lines.append("")
        lines.append("Tracks: " + entries.map { "\($0.method) \($0.trackCount)" }.joined(separator: ", "))
        lines.append("Ranking by mean SDR over " + TargetOrder.ranking.joined(separator: ", ") + ":")
        for rank in ranking {
            let place = rank.rank.map { "\($0)." } ?? "-"
            let score = rank.meanSDR.isNaN ? "n/a (lacks one of the four targets)" : Self.twoDecimals(rank.meanSDR)
            lines.append(
                "  " + pad(place, 4) + " " + pad(rank.method, methods.map(\.count).max() ?? 0, left: true) + "  "
                    + score)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func twoDecimals(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let scaled = (x * 100).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int(abs(scaled))
        let fraction = magnitude % 100
        return sign + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
