import Foundation
import Statistics

extension Report {
    /// Every figure as a standalone SVG document, with the file name `--figures DIR` gives it:
    /// `<target>-boxplot.svg`, `<target>-heatmap.svg`, `<target>-conover.svg`.
    public func figures() -> [(name: String, svg: String)] {
        targets.flatMap { figures in
            var list = [
                (name: "\(figures.target)-boxplot.svg", svg: boxplot(figures)),
                (name: "\(figures.target)-heatmap.svg", svg: heatmap(figures))
            ]
            if figures.conover != nil {
                list.append((name: "\(figures.target)-conover.svg", svg: significance(figures)))
            }
            return list
        }
    }

    private static let font = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""

    private static func document(width: Double, height: Double, label: String, body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" "
            + "viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\" aria-label=\"\(SVG.escaped(label))\" "
            + "\(font) font-size=\"11\">\n<title>\(SVG.escaped(label))</title>\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n"
    }

    /// Horizontal boxplots of the per-track SDR, one per method, best median on top.
    func boxplot(_ figures: TargetFigures) -> String {
        let left = 16 + Double(figures.methods.map(\.count).max() ?? 4) * 6.5
        let plotWidth = 560.0
        let row = 24.0
        let top = 30.0
        let height = top + row * Double(figures.methods.count) + 40
        let values = figures.boxplots.flatMap { [$0.whiskerLow, $0.whiskerHigh] + $0.fliers }.filter(\.isFinite)
        let low = (values.min() ?? 0) - 0.5
        let high = (values.max() ?? 1) + 0.5
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * plotWidth }
        var body = SVG.title("\(figures.target): SDR per track (dB)", x: left)
        let bottom = top + row * Double(figures.methods.count)
        for tick in SVG.ticks(low, high) {
            body +=
                "<line x1=\"\(SVG.number(x(tick)))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x(tick)))\" "
                + "y2=\"\(SVG.number(bottom))\" stroke=\"#e0e0e0\"/>\n"
            body +=
                "<text x=\"\(SVG.number(x(tick)))\" y=\"\(SVG.number(bottom + 16))\" text-anchor=\"middle\">"
                + "\(SVG.label(tick))</text>\n"
        }
        body +=
            "<text x=\"\(SVG.number(left + plotWidth / 2))\" y=\"\(SVG.number(bottom + 32))\" text-anchor=\"middle\">"
            + "SDR (dB), frame median per track</text>\n"
        for (index, (method, stats)) in zip(figures.methods, figures.boxplots).enumerated() {
            let center = top + row * (Double(index) + 0.5)
            body +=
                "<text x=\"\(SVG.number(left - 8))\" y=\"\(SVG.number(center + 4))\" text-anchor=\"end\">"
                + "\(SVG.escaped(method))</text>\n"
            guard stats.count > 0 else { continue }
            let boxTop = center - row * 0.32
            let boxHeight = row * 0.64
            body +=
                "<g class=\"box\"><line x1=\"\(SVG.number(x(stats.whiskerLow)))\" y1=\"\(SVG.number(center))\" "
                + "x2=\"\(SVG.number(x(stats.q1)))\" y2=\"\(SVG.number(center))\" stroke=\"#333\"/>"
            body +=
                "<line x1=\"\(SVG.number(x(stats.q3)))\" y1=\"\(SVG.number(center))\" x2=\"\(SVG.number(x(stats.whiskerHigh)))\" "
                + "y2=\"\(SVG.number(center))\" stroke=\"#333\"/>"
            for whisker in [stats.whiskerLow, stats.whiskerHigh] {
                body +=
                    "<line x1=\"\(SVG.number(x(whisker)))\" y1=\"\(SVG.number(center - row * 0.18))\" "
                    + "x2=\"\(SVG.number(x(whisker)))\" y2=\"\(SVG.number(center + row * 0.18))\" stroke=\"#333\"/>"
            }
            body +=
                "<rect x=\"\(SVG.number(x(stats.q1)))\" y=\"\(SVG.number(boxTop))\" "
                + "width=\"\(SVG.number(max(1, x(stats.q3) - x(stats.q1))))\" height=\"\(SVG.number(boxHeight))\" "
                + "fill=\"#9ecae1\" stroke=\"#333\"/>"
            body +=
                "<line x1=\"\(SVG.number(x(stats.median)))\" y1=\"\(SVG.number(boxTop))\" x2=\"\(SVG.number(x(stats.median)))\" "
                + "y2=\"\(SVG.number(boxTop + boxHeight))\" stroke=\"#d94801\" stroke-width=\"2\"/>"
            for flier in stats.fliers {
                body +=
                    "<circle cx=\"\(SVG.number(x(flier)))\" cy=\"\(SVG.number(center))\" r=\"2.5\" fill=\"none\" stroke=\"#333\"/>"
            }
            body += "</g>\n"
        }
        return Self.document(
            width: left + plotWidth + 20, height: height, label: "\(figures.target) boxplots", body: body)
    }

    /// The track × method heatmap of per-track SDR, methods in the boxplot order.
    func heatmap(_ figures: TargetFigures) -> String {
        let names = figures.tracks.map { $0.count > 34 ? String($0.prefix(33)) + "…" : $0 }
        let left = 12 + Double(names.map(\.count).max() ?? 4) * 5.6
        let cellWidth = 44.0
        let cellHeight = 11.0
        let top = 30 + Double(figures.methods.map(\.count).max() ?? 4) * 5.5
        // The colour scale spans the 2nd to 98th percentile, so one failed track (SDR of -50 dB)
        // does not wash out every other difference; values beyond take the end colours.
        let values = figures.scores.flatMap { $0 }.filter(\.isFinite).sorted()
        let low = values.isEmpty ? 0 : Quantile.linear(values, 0.02)
        let high = values.isEmpty ? 1 : Quantile.linear(values, 0.98)
        let clippedLow = values.first.map { $0 < low } ?? false
        let clippedHigh = values.last.map { $0 > high } ?? false
        func fraction(_ value: Double) -> Double { high > low ? (value - low) / (high - low) : 0.5 }
        let width = left + cellWidth * Double(figures.methods.count) + 90
        let height = top + cellHeight * Double(figures.tracks.count) + 20
        var body =
            SVG.title("\(figures.target): SDR per track and method (dB)")
            + SVG.columnLabels(figures.methods, left: left, cell: cellWidth, top: top)
        for (rowIndex, name) in names.enumerated() {
            let y = top + cellHeight * Double(rowIndex)
            body +=
                "<text x=\"\(SVG.number(left - 4))\" y=\"\(SVG.number(y + cellHeight - 2))\" text-anchor=\"end\" "
                + "font-size=\"9\">\(SVG.escaped(name))</text>\n"
            for (column, value) in figures.scores[rowIndex].enumerated() {
                body +=
                    "<rect x=\"\(SVG.number(left + cellWidth * Double(column)))\" y=\"\(SVG.number(y))\" "
                    + "width=\"\(SVG.number(cellWidth))\" height=\"\(SVG.number(cellHeight))\" "
                    + "fill=\"\(Palette.score(value.isFinite ? fraction(value) : .nan))\"><title>"
                    + "\(SVG.escaped(figures.tracks[rowIndex])) / \(SVG.escaped(figures.methods[column])): "
                    + "\(value.isFinite ? String(format: "%.2f", value) : "not scored")</title></rect>\n"
            }
        }
        // The colour scale.
        let legendX = left + cellWidth * Double(figures.methods.count) + 16
        let steps = 20
        let legendHeight = min(200, cellHeight * Double(figures.tracks.count))
        for step in 0..<steps {
            let f = 1 - Double(step) / Double(steps - 1)
            body +=
                "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(top + legendHeight * Double(step) / Double(steps)))\" "
                + "width=\"14\" height=\"\(SVG.number(legendHeight / Double(steps) + 0.5))\" fill=\"\(Palette.score(f))\"/>\n"
        }
        body +=
            "<text x=\"\(SVG.number(legendX + 18))\" y=\"\(SVG.number(top + 8))\" font-size=\"9\">"
            + "\(clippedHigh ? "≥ " : "")\(String(format: "%.1f", high))</text>\n"
        body +=
            "<text x=\"\(SVG.number(legendX + 18))\" y=\"\(SVG.number(top + legendHeight))\" font-size=\"9\">"
            + "\(clippedLow ? "≤ " : "")\(String(format: "%.1f", low))</text>\n"
        return Self.document(width: width, height: height, label: "\(figures.target) heatmap", body: body)
    }

    /// The Conover p-values as a significance heatmap, methods in the boxplot order.
    func significance(_ figures: TargetFigures) -> String {
        guard let test = figures.conover else { return "" }
        let methods = figures.methods
        let cell = 28.0
        let left = 14 + Double(methods.map(\.count).max() ?? 4) * 6.5
        let top = 30 + Double(methods.map(\.count).max() ?? 4) * 5.5
        let width = left + cell * Double(methods.count) + 110
        let height = max(top + cell * Double(methods.count) + 16, top + 110)
        var body =
            SVG.title("\(figures.target): Conover post-hoc test, pairwise p-values")
            + SVG.columnLabels(methods, left: left, cell: cell, top: top)
        for (row, a) in methods.enumerated() {
            let y = top + cell * Double(row)
            body +=
                "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y + cell / 2 + 4))\" text-anchor=\"end\">"
                + "\(SVG.escaped(a))</text>\n"
            for (column, b) in methods.enumerated() {
                let x = left + cell * Double(column)
                if row == column {
                    body +=
                        "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cell))\" "
                        + "height=\"\(SVG.number(cell))\" fill=\"#bdbdbd\" stroke=\"#ffffff\"/>\n"
                    continue
                }
                let p = test.pValue(a, b) ?? .nan
                body +=
                    "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cell))\" "
                    + "height=\"\(SVG.number(cell))\" fill=\"\(Palette.significance[Palette.level(p)])\" stroke=\"#ffffff\">"
                    + "<title>\(SVG.escaped(a)) vs \(SVG.escaped(b)): p = \(String(format: "%.3g", p))</title></rect>\n"
            }
        }
        let legendX = left + cell * Double(methods.count) + 14
        for (index, label) in Palette.significanceLabels.enumerated() {
            let y = top + 20 * Double(index)
            body +=
                "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(y))\" width=\"14\" height=\"14\" "
                + "fill=\"\(Palette.significance[index])\" stroke=\"#999\"/>"
                + "<text x=\"\(SVG.number(legendX + 20))\" y=\"\(SVG.number(y + 11))\">\(label)</text>\n"
        }
        return Self.document(width: width, height: height, label: "\(figures.target) Conover test", body: body)
    }
}
