/// One training example: several sources (vocals, drums, …) of the same shape, each
/// `channels × samples`, at one sample rate. The mixture is not stored: it is by
/// definition the sample-wise sum of the sources (`mixture()`).
public struct Example: Sendable, Equatable {
    /// Frames per second.
    public var sampleRate: Int
    /// The source names, in the order of `sources`.
    public var sourceNames: [String]
    /// Samples as `sources[source][channel][frame]`.
    public var sources: [[[Double]]]

    /// An example; every source must have the same channel count and length.
    public init(sampleRate: Int, sourceNames: [String], sources: [[[Double]]]) throws {
        guard sourceNames.count == sources.count else {
            throw AugmentationError.shapeMismatch("\(sourceNames.count) names for \(sources.count) sources")
        }
        let channelCounts = Set(sources.map(\.count))
        let lengths = Set(sources.flatMap { $0.map(\.count) })
        guard channelCounts.count <= 1, lengths.count <= 1 else {
            throw AugmentationError.shapeMismatch(
                "channel counts \(channelCounts.sorted()) and lengths \(lengths.sorted()) differ between sources")
        }
        self.sampleRate = sampleRate
        self.sourceNames = sourceNames
        self.sources = sources
    }

    /// Channels per source.
    public var channelCount: Int { sources.first?.count ?? 0 }
    /// Samples per channel.
    public var frameCount: Int { sources.first?.first?.count ?? 0 }

    /// The sample-wise sum of the sources.
    public func mixture() -> [[Double]] {
        var sum = [[Double]](repeating: [Double](repeating: 0, count: frameCount), count: channelCount)
        for source in sources {
            for (c, channel) in source.enumerated() {
                sum[c].withUnsafeMutableBufferPointer { out in
                    for i in 0..<channel.count { out[i] += channel[i] }
                }
            }
        }
        return sum
    }

    /// The index of the source called `name`.
    public func index(of name: String) -> Int? { sourceNames.firstIndex(of: name) }
}
