/// Every random choice behind one example: enough to render that example alone, and
/// what `manifest.jsonl` records for it.
public struct ExamplePlan: Codable, Equatable, Sendable {
    /// Where one source comes from and what is done to it.
    public struct SourceDraw: Codable, Equatable, Sendable {
        /// The source (`vocals`, …).
        public var source: String
        /// The track it is read from.
        public var track: String
        /// First frame read, at the track's rate.
        public var offset: Int
        /// Frames read, at the track's rate.
        public var frameCount: Int
        public var gain: Double
        /// Left and right exchanged.
        public var swap: Bool
        /// Sign flipped.
        public var flip: Bool
    }

    /// The folder name of the example (`Augmented - 000042`).
    public var id: String
    /// Position of the example in the set (0-based).
    public var index: Int
    /// The set's seed; the example's random stream is `SplitMix64(seed:stream: index)`.
    public var seed: UInt64
    public var sources: [SourceDraw]
    /// Pitch change in semitones (0: none).
    public var semitones: Double
    /// Tempo factor (1: none; 1.05 plays 5 % faster).
    public var rate: Double
    /// Frames of the written example, at `sampleRate`.
    public var frameCount: Int
    /// Sample rate of the written example.
    public var sampleRate: Int

    /// The folder name of example `index`.
    public static func id(index: Int) -> String {
        let digits = String(index)
        return "Augmented - " + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
