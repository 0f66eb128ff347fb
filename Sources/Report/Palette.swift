/// The colours of the report's figures: a sequential scale for scores (light to dark blue
/// through teal, readable in grey print) and four steps for significance levels.
enum Palette {
    /// Anchors of the score scale, low to high (RGB).
    private static let anchors: [(Double, Double, Double)] = [
        (247, 251, 239), (204, 235, 197), (123, 204, 196), (67, 162, 202), (8, 88, 158), (8, 40, 90)
    ]

    /// The colour of `fraction` (0…1) of the score scale, as `#rrggbb`; grey for NaN.
    static func score(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "#d9d9d9" }
        let f = min(1, max(0, fraction)) * Double(anchors.count - 1)
        let i = min(anchors.count - 2, Int(f))
        let t = f - Double(i)
        let (a, b) = (anchors[i], anchors[i + 1])
        return hex(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t)
    }

    /// Whether text on `score(fraction)` should be white.
    static func needsLightText(_ fraction: Double) -> Bool { fraction.isFinite && fraction > 0.6 }

    /// p < 0.001, < 0.01, < 0.05, not significant.
    static let significance = ["#08306b", "#2171b5", "#6baed6", "#f0f0f0"]
    static let significanceLabels = ["p < 0.001", "p < 0.01", "p < 0.05", "n.s."]

    /// The significance step of `p` (an index into `significance`).
    static func level(_ p: Double) -> Int {
        if p < 0.001 { return 0 }
        if p < 0.01 { return 1 }
        if p < 0.05 { return 2 }
        return 3
    }

    private static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        "#"
            + [r, g, b].map { value in
                let byte = Int(min(255, max(0, value.rounded())))
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined()
    }
}
