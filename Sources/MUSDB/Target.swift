/// A named gain-weighted sum of sources (MUSDB's targets; user-defined ones too).
public struct Target: Sendable, Equatable, Hashable {
    /// One source with its mixing gain.
    public struct Component: Sendable, Equatable, Hashable {
        public var source: Source
        public var gain: Double
        public init(_ source: Source, gain: Double = 1) {
            self.source = source
            self.gain = gain
        }
    }

    /// The target name, e.g. `accompaniment`.
    public var name: String
    /// The sources summed, in the order they are added.
    public var components: [Component]

    public init(name: String, components: [Component]) {
        self.name = name
        self.components = components
    }

    /// A target summing `sources` with gain 1.
    public init(name: String, sources: [Source]) {
        self.init(name: name, components: sources.map { Component($0) })
    }

    public static let vocals = Target(name: "vocals", sources: [.vocals])
    public static let drums = Target(name: "drums", sources: [.drums])
    public static let bass = Target(name: "bass", sources: [.bass])
    public static let other = Target(name: "other", sources: [.other])
    /// Everything but the vocals (sum order as in musdb's `mus.yaml`: bass, drums, other).
    public static let accompaniment = Target(name: "accompaniment", sources: [.bass, .drums, .other])
    /// The sum of all four sources (order as in `mus.yaml`: vocals, bass, drums, other).
    public static let linearMixture = Target(name: "linear_mixture", sources: [.vocals, .bass, .drums, .other])

    /// Python musdb's targets, in its order.
    public static let standard: [Target] = [.vocals, .drums, .bass, .other, .accompaniment, .linearMixture]
}
