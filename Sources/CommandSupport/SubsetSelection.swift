import ArgumentParser
import MUSDB

/// The value of `--subsets`: MUSDB18 subsets in the order given, comma-separated
/// (`train,test`). Declared as an array option, the flag may also be repeated
/// (`--subsets train --subsets test`); `merged(_:)` joins the values.
public struct SubsetSelection: ExpressibleByArgument, Equatable, Sendable {
    /// The subsets, in the order given, without repeats.
    public var subsets: [Subset]

    public init(_ subsets: [Subset]) {
        var unique = [Subset]()
        for subset in subsets where !unique.contains(subset) { unique.append(subset) }
        self.subsets = unique
    }

    /// Both subsets, train first (Python musdb's order).
    public static let all = SubsetSelection([.train, .test])
    /// The train subset alone.
    public static let train = SubsetSelection([.train])

    /// `train`, `test` or a comma-separated list of them (any case, blanks ignored); nil for
    /// anything else or an empty list.
    public init?(argument: String) {
        guard let subsets = try? Subset.list(parsing: argument), !subsets.isEmpty else { return nil }
        self.init(subsets)
    }

    public var defaultValueDescription: String { subsets.map(\.rawValue).joined(separator: ",") }

    public static var allValueStrings: [String] { Subset.allCases.map(\.rawValue) }

    /// The subsets of every value of a repeated `--subsets`, in order, without repeats.
    public static func merged(_ selections: [SubsetSelection]) -> [Subset] {
        SubsetSelection(selections.flatMap(\.subsets)).subsets
    }

    /// The words every `--subsets` help ends its first sentence with.
    public static let helpWording = "comma-separated or repeated, in the order given"

    /// The help of `--subsets`: `what` the subsets are for, then the same words in every
    /// command (`helpWording`), then `detail` (e.g. a default the parser cannot show).
    public static func help(_ what: String, _ detail: String? = nil) -> ArgumentHelp {
        ArgumentHelp("\(what), \(helpWording)" + (detail.map { " (\($0))" } ?? "") + ".", valueName: "subsets")
    }
}
