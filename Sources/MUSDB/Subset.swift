/// The two MUSDB18 subsets (folders under the root).
public enum Subset: String, Sendable, CaseIterable, Codable, Comparable {
    case train, test

    public static func < (lhs: Subset, rhs: Subset) -> Bool { lhs == .train && rhs == .test }
}
