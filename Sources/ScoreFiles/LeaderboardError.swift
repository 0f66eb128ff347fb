/// Why `museval aggregate --strict` (or `report --strict`) refuses to rank.
public enum LeaderboardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The methods are not comparable; every issue names the methods and folders involved.
    case notComparable([ComparabilityIssue])

    public var description: String {
        switch self {
        case .notComparable(let issues):
            return "the methods are not comparable (--strict):\n"
                + issues.map { "  - " + $0.message }.joined(separator: "\n")
                + "\n  Rescore with the same --win/--hop/--mode, pick the same --subsets, or give --common-tracks."
        }
    }
}
