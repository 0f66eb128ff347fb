/// The four MUSDB18 sources, in Python musdb's order.
public enum Source: String, Sendable, CaseIterable, Codable {
    case vocals, drums, bass, other

    /// The file of this source in an MUSDB18-HQ track folder.
    public var fileName: String { rawValue + ".wav" }

    /// The stream of this source in an MUSDB18 `.stem.mp4` (0 is the mixture).
    public var streamIndex: Int {
        switch self {
        case .drums: return 1
        case .bass: return 2
        case .other: return 3
        case .vocals: return 4
        }
    }

    /// The sources in stream order (drums, bass, other, vocals), as `Track.stems()` lists them.
    public static let streamOrder: [Source] = [.drums, .bass, .other, .vocals]
}
