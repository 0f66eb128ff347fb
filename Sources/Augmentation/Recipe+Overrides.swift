extension Recipe {
    /// Settings given one by one (the `musdb augment` flags) on top of a recipe (the
    /// defaults or a `--recipe` file): each one set replaces the recipe's, the others keep it.
    public struct Overrides: Sendable, Equatable {
        public var examplesPerTrack: Int?
        /// Excerpt length in seconds; 0 takes whole tracks (`Recipe.duration == nil`).
        public var duration: Double?
        public var seed: UInt64?
        public var sources: [String]?
        public var gainMin: Double?
        public var gainMax: Double?
        public var swapProbability: Double?
        public var signFlipProbability: Double?
        public var remix: Remix?
        public var remixGroupSize: Int?
        public var repitchProbability: Double?
        public var maxSemitones: Int?
        public var tempoStdPercent: Double?
        public var maxTempoPercent: Double?
        public var format: Format?
        public var sampleRate: Int?

        public init() {}
    }

    /// This recipe with every setting `overrides` gives replaced.
    public func applying(_ overrides: Overrides) -> Recipe {
        var recipe = self
        if let value = overrides.examplesPerTrack { recipe.examplesPerTrack = value }
        if let value = overrides.duration { recipe.duration = value == 0 ? nil : value }
        if let value = overrides.seed { recipe.seed = value }
        if let value = overrides.sources { recipe.sources = value }
        if let value = overrides.gainMin { recipe.gainMin = value }
        if let value = overrides.gainMax { recipe.gainMax = value }
        if let value = overrides.swapProbability { recipe.swapProbability = value }
        if let value = overrides.signFlipProbability { recipe.signFlipProbability = value }
        if let value = overrides.remix { recipe.remix = value }
        if let value = overrides.remixGroupSize { recipe.remixGroupSize = value }
        if let value = overrides.repitchProbability { recipe.repitchProbability = value }
        if let value = overrides.maxSemitones { recipe.maxSemitones = value }
        if let value = overrides.tempoStdPercent { recipe.tempoStdPercent = value }
        if let value = overrides.maxTempoPercent { recipe.maxTempoPercent = value }
        if let value = overrides.format { recipe.format = value }
        if let value = overrides.sampleRate { recipe.sampleRate = value }
        return recipe
    }
}
