/// The lower-bound baseline of sigsep-mus-oracle's `MIX.py`: every source estimate is the
/// mixture divided by the number of sources (so the estimates still sum to the mixture).
/// It uses no knowledge of the sources beyond their count; scoring it shows what doing
/// nothing is worth.
public struct MixtureBaseline: OracleSeparator {
    public init() {}

    public func separate(mixture: [[Double]], sources: [Stem]) throws -> [Stem] {
        _ = try validate(mixture: mixture, sources: sources)
        let count = Double(sources.count)
        let share = mixture.map { channel in channel.map { $0 / count } }
        return sources.map { Stem(name: $0.name, channels: share) }
    }
}
