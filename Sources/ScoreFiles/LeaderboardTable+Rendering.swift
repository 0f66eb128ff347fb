import Foundation

extension LeaderboardTable {
    /// The table of `board` in `format`. Text, Markdown and LaTeX start with how the numbers
    /// were computed and per method what they were computed on; text and Markdown end with
    /// the rankings. CSV is the grid alone.
    public func render(_ board: Leaderboard) -> String {
        let grid = grid(board)
        switch format {
        case .csv:
            return ([grid.header] + grid.body).map { $0.map(Self.csvField).joined(separator: ",") }
                .joined(separator: "\n") + "\n"
        case .text:
            return (headerLines(board) + [""] + aligned(grid) + ["", trackLine(board)] + rankingLines(board))
                .joined(separator: "\n") + "\n"
        case .markdown:
            var lines = headerLines(board).map { "> " + $0 }
            lines.append("")
            lines.append("| " + grid.header.map(Self.markdownEscaped).joined(separator: " | ") + " |")
            lines.append(
                "|" + grid.header.indices.map { $0 < grid.labelColumns ? " :--- |" : " ---: |" }.joined())
            for (row, marks) in zip(grid.body, grid.best) {
                let cells = zip(row, marks).map { $1 ? "**\($0)**" : Self.markdownEscaped($0) }
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
            lines.append(trackLine(board))
            lines += rankingLines(board).map { $0.isEmpty ? "" : "    " + $0 }
            return lines.joined(separator: "\n") + "\n"
        case .latex:
            var lines = headerLines(board).map { "% " + $0 }
            let spec =
                String(repeating: "l", count: grid.labelColumns)
                + String(repeating: "r", count: grid.header.count - grid.labelColumns)
            lines.append("\\begin{tabular}{\(spec)}")
            lines.append("\\toprule")
            lines.append(grid.header.map(Self.latexEscaped).joined(separator: " & ") + " \\\\")
            lines.append("\\midrule")
            for (row, marks) in zip(grid.body, grid.best) {
                let cells = zip(row, marks).map { cell, best -> String in
                    let text = cell == "—" ? "---" : Self.latexEscaped(cell)
                    return best ? "\\textbf{\(text)}" : text
                }
                lines.append(cells.joined(separator: " & ") + " \\\\")
            }
            lines.append("\\bottomrule")
            lines.append("\\end{tabular}")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// How the numbers were computed, per method what they were computed on, and every
    /// comparability issue.
    public func headerLines(_ board: Leaderboard) -> [String] {
        var lines = ["Scores in dB: \(board.frames.rawValue) over frames, \(board.tracks.rawValue) over tracks"]
        for metric in metrics where !LeaderboardMetric.standard.contains(metric) || metric == rankBy {
            lines.append("  " + metric.definition(frames: board.frames, tracks: board.tracks))
        }
        if board.commonTracks {
            lines.append("  every method restricted to the tracks all of them have (--common-tracks)")
        }
        for entry in board.entries {
            let subsets = entry.subsets.map { "\($0.subset) \($0.tracks)" }.joined(separator: ", ")
            var line = "  \(entry.method): \(entry.trackCount) tracks (\(subsets))"
            if entry.tracksLeftOut > 0 { line += ", \(entry.tracksLeftOut) left out" }
            line += "; " + entry.setups.map(\.description).joined(separator: " | ")
            lines.append(line)
        }
        let issues = board.comparabilityIssues
        if !issues.isEmpty {
            lines.append("NOT COMPARABLE as they stand:")
            lines += issues.map { "  ! " + $0.message }
        }
        return lines
    }

    /// The grid as aligned text columns.
    func aligned(_ grid: Grid) -> [String] {
        let all = [grid.header] + grid.body
        let widths = grid.header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return column < grid.labelColumns ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let header = line(grid.header)
        return [header, String(repeating: "-", count: header.count)] + grid.body.map(line)
    }

    /// `Tracks: A 50, B 50`: the tracks behind each method's numbers.
    func trackLine(_ board: Leaderboard) -> String {
        "Tracks: " + board.entries.map { "\($0.method) \($0.trackCount)" }.joined(separator: ", ")
    }

    /// The overall ranking (mean over vocals, drums, bass, other) with each method's rank per target.
    public func rankingLines(_ board: Leaderboard) -> [String] {
        let overall = board.ranking(by: rankBy)
        let targets = board.targetNames.filter { target in board.entries.contains { $0.value(target, rankBy) != nil } }
        let perTarget = Dictionary(
            uniqueKeysWithValues: targets.map { target in
                (
                    target,
                    Dictionary(
                        uniqueKeysWithValues: board.ranking(of: target, by: rankBy).map { ($0.method, $0.rank) })
                )
            })
        let label = rankBy == .sdr ? "mean SDR" : "mean \(rankBy.rawValue)"
        var lines = ["Ranking by \(label) over " + TargetOrder.ranking.joined(separator: ", ") + ", and per target:"]
        let methodWidth = max(6, board.entries.map(\.method.count).max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        let scoreWidth = max(label.count, 8)
        var header = pad("rank", 5) + " " + pad("method", methodWidth, left: true) + "  " + pad(label, scoreWidth)
        for target in targets { header += "  " + pad(target, max(target.count, 4)) }
        lines.append(header)
        for rank in overall {
            var line = pad(rank.rank.map { "\($0)." } ?? "-", 5) + " " + pad(rank.method, methodWidth, left: true)
            line += "  " + pad(rank.meanSDR.isNaN ? "n/a" : Self.fixed(rank.meanSDR, decimals: decimals), scoreWidth)
            for target in targets {
                let place = perTarget[target]?[rank.method] ?? nil
                line += "  " + pad(place.map(String.init) ?? "-", max(target.count, 4))
            }
            lines.append(line)
        }
        if overall.contains(where: { $0.rank == nil }) {
            lines.append("  (n/a: lacks one of the four targets; such methods are still ranked per target)")
        }
        return lines
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func markdownEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    static func latexEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(character)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Leaderboard {
    /// The default text table for the terminal (`LeaderboardTable()`): targets as rows for
    /// up to four methods, methods as rows beyond; 2 decimals; the rankings.
    public func table() -> String {
        LeaderboardTable(metrics: LeaderboardMetric.standard + (hasGlobalFigures ? [.globalSDR, .siSDR] : []))
            .render(self)
    }
}
