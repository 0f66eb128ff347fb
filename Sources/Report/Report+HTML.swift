import Foundation
import ScoreFiles

extension Report {
    /// One self-contained HTML page: inline CSS and SVG, no script, no font or image from
    /// anywhere else, so it reads offline and prints (one target per printed page).
    public func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(SVG.escaped(title))</title>
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1100px;
                   color: #222; line-height: 1.4; padding: 0 16px; }
            h1 { font-size: 22px; } h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
            table.board { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
            table.board th, table.board td { padding: 3px 8px; border-bottom: 1px solid #e5e5e5; }
            table.board th { border-bottom: 2px solid #333; text-align: right; }
            table.board td.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.board th.label, table.board td.label { text-align: left; }
            pre { background: #f7f7f7; padding: 8px; font-size: 12px; overflow-x: auto; }
            .note { font-size: 13px; color: #444; }
            .issues { color: #a50f15; font-weight: bold; }
            figure { margin: 12px 0 20px; overflow-x: auto; }
            div.scroll { overflow-x: auto; }
            figcaption { font-size: 12px; color: #555; }
            @media print { section.target { page-break-before: always; } body { margin: 0; max-width: none; } }
            </style>
            </head>
            <body>
            <h1>\(SVG.escaped(title))</h1>

            """
        out += "<section class=\"leaderboard\">\n<h2>Leaderboard</h2>\n"
        out += "<ul class=\"note\">\n"
        for line in table.headerLines(leaderboard) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let issue = trimmed.hasPrefix("!") || trimmed.hasPrefix("NOT COMPARABLE")
            out += "<li\(issue ? " class=\"issues\"" : "")>\(SVG.escaped(trimmed))</li>\n"
        }
        out +=
            "</ul>\n" + boardTable()
            + "<pre>\(SVG.escaped(table.rankingLines(leaderboard).joined(separator: "\n")))</pre>\n"
        out += "</section>\n"
        for figures in targets {
            out +=
                "<section class=\"target\" id=\"\(SVG.escaped(figures.target))\">\n<h2>\(SVG.escaped(figures.target))</h2>\n"
            out +=
                "<figure>\(boxplot(figures))<figcaption>Per-track SDR (\(leaderboard.frames.rawValue) over "
                + "frames) of each method, sorted by median. Boxes: quartiles (linear interpolation); whiskers: the most "
                + "extreme tracks within 1.5 × IQR of the box; circles: the tracks beyond (matplotlib's boxplot)."
                + "</figcaption></figure>\n"
            out +=
                "<figure>\(heatmap(figures))<figcaption>Per-track SDR of every method; grey: not scored."
                + "</figcaption></figure>\n"
            if figures.conover != nil {
                out +=
                    "<figure>\(significance(figures))<figcaption>Pairwise Conover post-hoc tests on the "
                    + "per-track SDR (scikit-posthocs' posthoc_conover, no p-value adjustment), as "
                    + "sigsep-mus-2018-analysis ran them.</figcaption></figure>\n"
            }
            out += "</section>\n"
        }
        out += """
            <section class="notes">
            <h2>How the numbers were computed</h2>
            <ul class="note">
            \(LeaderboardMetric.allCases.map { "<li>" + SVG.escaped($0.definition(frames: leaderboard.frames, tracks: leaderboard.tracks)) + "</li>" }.joined(separator: "\n"))
            <li>Per-track scores are museval's frame aggregate of each track (NaN frames skipped); a track whose frames \
            are all NaN is left out of its method's box and test.</li>
            <li>What the Conover test assumes: the per-track scores of each method are independent samples of \
            distributions of one shape that differ only in location; it ranks all methods' tracks together and \
            ignores that every method was scored on the same tracks (a paired test, such as Wilcoxon's signed-rank \
            test, uses that and has more power). The p-values are not corrected for the many pairs compared: at \
            p &lt; 0.05 about one pair in twenty differs by chance alone.</li>
            <li>The numbers behind every figure are in report.json beside this file (format museval-report/1).</li>
            </ul>
            </section>
            </body>
            </html>

            """
        return out
    }

    /// The leaderboard grid as an HTML table, the best of each metric in bold.
    private func boardTable() -> String {
        let grid = table.grid(leaderboard)
        var out = "<table class=\"board\">\n<thead><tr>"
        for (column, header) in grid.header.enumerated() {
            out += "<th class=\"\(column < grid.labelColumns ? "label" : "num")\">\(SVG.escaped(header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (row, marks) in zip(grid.body, grid.best) {
            out += "<tr>"
            for (column, (cell, best)) in zip(row, marks).enumerated() {
                let text = best ? "<b>\(SVG.escaped(cell))</b>" : SVG.escaped(cell)
                out += "<td class=\"\(column < grid.labelColumns ? "label" : "num")\">\(text)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
