/// One stem of a track, by name. MUSDB18 has four (`vocals`, `drums`, `bass`, `other`);
/// other datasets, through a stem mapping, may have more (`guitar`, `piano`, …).
///
/// A struct rather than an enum so that datasets beyond MUSDB18 can name their own stems;
/// `allCases` stays MUSDB18's four in Python musdb's order, the default wherever a track's
/// own stem list is not at hand.
public struct Source: RawRepresentable, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The stem's name, also its file name without `.wav`.
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ name: String) { self.rawValue = name }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let vocals = Source("vocals")
    public static let drums = Source("drums")
    public static let bass = Source("bass")
    public static let other = Source("other")
    public static let guitar = Source("guitar")
    public static let piano = Source("piano")

    /// The four MUSDB18 sources, in Python musdb's order.
    public static let allCases: [Source] = [.vocals, .drums, .bass, .other]

    /// The file of this source in a track folder of WAVs.
    public var fileName: String { rawValue + ".wav" }

    /// The stream of this source in an MUSDB18 `.stem.mp4` (0 is the mixture); nil for a
    /// stem MUSDB18 does not have.
    public var streamIndex: Int? {
        switch self {
        case .drums: return 1
        case .bass: return 2
        case .other: return 3
        case .vocals: return 4
        default: return nil
        }
    }

    /// The sources in stream order (drums, bass, other, vocals), as `Track.stems()` lists them.
    public static let streamOrder: [Source] = [.drums, .bass, .other, .vocals]
}
