extension EstimateLayout {
    /// The layout `--layout` names: a preset (`demucs`, `open-unmix`, … as
    /// `LayoutPreset(name:)` reads them) or a pattern such as `{track}/{target}.wav`.
    ///
    /// - Throws: `EvaluationError.invalidLayout` with the reason: a name that is no preset and
    ///   no pattern, or a pattern `init(pattern:)` refuses.
    public init(parsing text: String) throws {
        if let preset = LayoutPreset(name: text) {
            self = preset.layout
            return
        }
        guard text.contains("{") else {
            throw EvaluationError.invalidLayout(
                text, reason: "it is neither a preset nor a pattern with {track} and {target}")
        }
        try self.init(pattern: text)
    }
}
