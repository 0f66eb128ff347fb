/// The settings a score file depends on besides its input files: BSS Eval version, window
/// and hop, and how the estimates folder was read (layout pattern, added target names).
/// Recorded in each provenance sidecar; a folder holds scores of one setting only.
public struct ScoringSettings: Codable, Hashable, Sendable, CustomStringConvertible {
    /// `v4` or `v3`.
    public var mode: String
    /// Window in seconds.
    public var window: Double
    /// Hop in seconds.
    public var hop: Double
    /// The layout pattern the estimates were found with (nil for `museval dir`).
    public var layout: String?
    /// The target names added to the standard ones, `alias=target,…` (empty: none).
    public var targetMap: String

    public init(options: EvaluationOptions, layout: String? = nil, targetMap: String = "") {
        mode = options.mode.rawValue
        window = options.window
        hop = options.hop
        self.layout = layout
        self.targetMap = targetMap
    }

    /// The settings as command-line options, e.g. `--win 1 --hop 1 --mode v4 --layout '{track}/{target}'`.
    public var description: String {
        var text = "--win \(Self.number(window)) --hop \(Self.number(hop)) --mode \(mode)"
        if let layout { text += " --layout '\(layout)'" }
        if !targetMap.isEmpty { text += " --target-map '\(targetMap)'" }
        return text
    }

    /// `1` rather than `1.0`, `0.5` as it is.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
