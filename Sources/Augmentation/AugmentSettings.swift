import Foundation

/// What identifies a `musdb augment` run in `OUT/augment.json`: the recipe and the dataset
/// selection. A rerun with other settings is refused; with the same ones it resumes.
public struct AugmentSettings: Codable, Equatable, Sendable {
    public var recipe: Recipe
    /// The subsets drawn from, as named in the dataset (`train`, `test`).
    public var subsets: [String]
    /// The train/valid split, when one was chosen.
    public var split: String?
    public var isWav: Bool
    /// The tracks the examples are drawn from, in order.
    public var tracks: [String]

    public init(recipe: Recipe, subsets: [String], split: String?, isWav: Bool, tracks: [String]) {
        self.recipe = recipe
        self.subsets = subsets
        self.split = split
        self.isWav = isWav
        self.tracks = tracks
    }

    /// Pretty, key-sorted JSON (the same bytes for the same settings).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}
