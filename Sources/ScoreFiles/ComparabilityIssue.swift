/// Something that makes a leaderboard's methods not comparable number for number: they were
/// scored with other settings, or on other tracks or subsets. `museval aggregate` prints
/// each; `--strict` makes them an error (`LeaderboardError.notComparable`).
public struct ComparabilityIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Window, hop or BSS Eval mode differ (between methods or within one).
        case settings
        /// The methods have different track sets.
        case tracks
        /// The methods were read from different subsets.
        case subsets
    }

    public var kind: Kind
    /// The issue in words, naming the methods.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
