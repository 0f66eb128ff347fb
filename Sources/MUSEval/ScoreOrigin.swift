/// What a score file was made from, apart from the bytes of its inputs: the method (the
/// estimates folder), the references (the dataset root, or the `dir` reference folder)
/// and the settings. One output folder holds results of one origin only, so a leaderboard
/// never mixes methods or settings under one name.
public struct ScoreOrigin: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The estimates folder, as an absolute standardized path.
    public var method: String
    /// The dataset root (or reference folder), as an absolute standardized path.
    public var references: String
    /// Mode, window, hop, layout and target map.
    public var settings: ScoringSettings

    public init(method: String, references: String, settings: ScoringSettings) {
        self.method = method
        self.references = references
        self.settings = settings
    }

    /// `/x/methodA with --win 1 --hop 1 --mode v4 … against /data/musdb`.
    public var description: String { "\(method) with \(settings) against \(references)" }

    /// What differs from `other`, in words (empty when equal), e.g. `the estimates folder`.
    public func differences(from other: ScoreOrigin) -> [String] {
        var result = [String]()
        if method != other.method { result.append("the estimates folder") }
        if references != other.references { result.append("the references") }
        if settings.mode != other.settings.mode { result.append("--mode") }
        if settings.window != other.settings.window || settings.hop != other.settings.hop {
            result.append("--win/--hop")
        }
        if settings.layout != other.settings.layout { result.append("--layout") }
        if settings.targetMap != other.settings.targetMap { result.append("--target-map") }
        return result
    }
}
