import SeededRandom

/// Draws the `ExamplePlan` of any example from the recipe, the track list and the
/// example's index alone, so examples can be drawn in any order, on any number of
/// threads, or one by one (`--only-example`), always with the same result.
///
/// Draw order in example `i`'s stream (`SplitMix64(seed:stream: i)`), kept stable
/// because manifests depend on it: repitch coin; if taken, semitones then tempo; then
/// per source in recipe order: track (random remix), offset fraction, gain, swap, flip.
/// Example `i` is based on track `i / examplesPerTrack` (Open-Unmix's sampling order).
/// Shuffle remixes draw their group's members and permutations from a separate stream
/// per group (`SplitMix64(seed: seed ^ groupSalt, stream: group)`).
public struct ExamplePlanner: Sendable {
    public let recipe: Recipe
    public let tracks: [TrackDescription]
    /// Rate of the written examples.
    public let sampleRate: Int

    static let groupSalt: UInt64 = 0x6A09_E667_F3BC_C908

    public init(recipe: Recipe, tracks: [TrackDescription]) throws {
        try recipe.validate()
        guard !tracks.isEmpty else { throw AugmentationError.emptyDataset("the selection has no tracks") }
        let rates = Set(tracks.map(\.sampleRate))
        if recipe.sampleRate == nil, rates.count > 1 {
            throw AugmentationError.invalidParameter(
                "the tracks have different sample rates \(rates.sorted()); choose one with --sample-rate")
        }
        self.recipe = recipe
        self.tracks = tracks
        self.sampleRate = recipe.sampleRate ?? tracks[0].sampleRate
    }

    /// Number of examples in the set.
    public var exampleCount: Int { tracks.count * recipe.examplesPerTrack }

    /// The plan of example `index`.
    public func plan(index: Int) -> ExamplePlan {
        precondition(index >= 0 && index < exampleCount, "example \(index) is outside 0..<\(exampleCount)")
        var random = SplitMix64(seed: recipe.seed, stream: UInt64(index))
        var semitones = 0.0, rate = 1.0
        if recipe.repitchProbability > 0, random.nextBool(probability: recipe.repitchProbability) {
            semitones = Double(random.nextInt(in: -recipe.maxSemitones...recipe.maxSemitones))
            let tempo = min(
                max(random.nextNormal() * recipe.tempoStdPercent, -recipe.maxTempoPercent),
                recipe.maxTempoPercent)
            rate = 1 + tempo / 100
        }
        let base = tracks[index / recipe.examplesPerTrack]
        // Members of a shuffle group: (track, offset fraction), and one permutation per source.
        var members = [(track: TrackDescription, fraction: Double)]()
        var permutations = [[Int]]()
        if recipe.remix == .shuffle {
            let size = recipe.remixGroupSize, group = index / size
            var groupRandom = SplitMix64(seed: recipe.seed ^ Self.groupSalt, stream: UInt64(group))
            for m in 0..<size {
                let member = min(group * size + m, exampleCount - 1)
                members.append((tracks[member / recipe.examplesPerTrack], groupRandom.nextUniform()))
            }
            for _ in recipe.sources {
                var permutation = Array(0..<size)
                for i in stride(from: size - 1, to: 0, by: -1) { permutation.swapAt(i, groupRandom.nextInt(in: 0...i)) }
                permutations.append(permutation)
            }
        }
        var sharedFraction: Double?
        var draws = [ExamplePlan.SourceDraw]()
        for (s, source) in recipe.sources.enumerated() {
            var track = base
            if recipe.remix == .random { track = tracks[random.nextInt(in: 0...(tracks.count - 1))] }
            var fraction = random.nextUniform()
            switch recipe.remix {
            case .none:
                if let shared = sharedFraction { fraction = shared } else { sharedFraction = fraction }
            case .random:
                break
            case .shuffle:
                let member = members[permutations[s][index % recipe.remixGroupSize]]
                track = member.track
                fraction = member.fraction
            }
            let span = inputFrames(of: track, rate: rate)
            let offset = Int(fraction * Double(max(0, track.frameCount - span) + 1))
            let gain = random.nextUniform(in: recipe.gainMin...recipe.gainMax)
            let swap = random.nextBool(probability: recipe.swapProbability)
            let flip = random.nextBool(probability: recipe.signFlipProbability)
            draws.append(
                .init(
                    source: source, track: track.name, offset: min(offset, max(0, track.frameCount - span)),
                    frameCount: span, gain: gain, swap: swap, flip: flip))
        }
        return ExamplePlan(
            id: ExamplePlan.id(index: index), index: index, seed: recipe.seed, sources: draws,
            semitones: semitones, rate: rate, frameCount: outputFrames(of: base, rate: rate),
            sampleRate: sampleRate)
    }

    /// Frames written per example.
    func outputFrames(of base: TrackDescription, rate: Double) -> Int {
        if let duration = recipe.duration { return Int((duration * Double(sampleRate)).rounded()) }
        let atOutputRate = Double(base.frameCount) * Double(sampleRate) / Double(base.sampleRate)
        return Int((atOutputRate / rate).rounded())
    }

    /// Frames read from `track` (at its rate) to make one example at tempo `rate`.
    func inputFrames(of track: TrackDescription, rate: Double) -> Int {
        guard let duration = recipe.duration else { return track.frameCount }
        return Int((duration * rate * Double(track.sampleRate)).rounded())
    }
}
