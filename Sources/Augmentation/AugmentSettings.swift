import Foundation
import MUSDB

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
    /// The dataset layout, for datasets other than MUSDB18 (nil keeps MUSDB18's files as
    /// they were).
    public var dataset: String?
    /// The stem mapping applied, for datasets other than MUSDB18.
    public var stemMapping: StemMapping?
    /// The split applied to tracks without an official one, for datasets other than MUSDB18.
    public var splitting: SeededSplit?

    public init(
        recipe: Recipe, subsets: [String], split: String?, isWav: Bool, tracks: [String], dataset: String? = nil,
        stemMapping: StemMapping? = nil, splitting: SeededSplit? = nil
    ) {
        self.recipe = recipe
        self.subsets = subsets
        self.split = split
        self.isWav = isWav
        self.tracks = tracks
        self.dataset = dataset
        self.stemMapping = stemMapping
        self.splitting = splitting
    }

    /// Pretty, key-sorted JSON (the same bytes for the same settings).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}
