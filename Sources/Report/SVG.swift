import Foundation

/// Small pieces of SVG text: escaping, numbers, axis ticks. The figures are plain strings
/// of SVG elements, self-contained (no fonts, scripts or links outside the file).
enum SVG {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped for XML text and attributes.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with 2 decimals at most (`12.5`, `3`).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let scaled = (x * 100).rounded() / 100
        return scaled == scaled.rounded() && abs(scaled) < 1e15 ? String(Int(scaled)) : String(scaled)
    }

    /// Evenly spaced round ticks covering `low…high` (steps of 1, 2, 5 × 10ⁿ, about 6 ticks).
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return low.isFinite ? [low] : [] }
        let raw = (high - low) / 6
        let power = pow(10, log10(raw).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        var tick = (low / step).rounded(.down) * step
        var result: [Double] = []
        while tick <= high + step * 1e-9 {
            if tick >= low - step * 1e-9 { result.append(abs(tick) < step * 1e-9 ? 0 : tick) }
            tick += step
        }
        return result
    }

    /// A tick label: integers without decimals, others with one.
    static func label(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10)
    }

    /// A figure's bold title at (`x`, 18).
    static func title(_ text: String, x: Double = 8) -> String {
        "<text x=\"\(number(x))\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(escaped(text))</text>\n"
    }

    /// Column labels of a grid, rotated 45° above row `top`: column `i` centred at
    /// `left + cell·(i + ½)`.
    static func columnLabels(_ names: [String], left: Double, cell: Double, top: Double) -> String {
        names.enumerated().map { column, name in
            let x = left + cell * (Double(column) + 0.5)
            return "<text x=\"\(number(x))\" y=\"\(number(top - 6))\" transform=\"rotate(-45 \(number(x)) "
                + "\(number(top - 6)))\" font-size=\"10\">\(escaped(name))</text>\n"
        }.joined()
    }
}
