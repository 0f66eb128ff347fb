/// The folder layouts popular separators write, by name (`--layout demucs`).
public enum LayoutPreset: String, CaseIterable, Sendable {
    /// museval / `musdb.DB.save_estimates`: `test/<track>/vocals.wav`.
    case museval
    /// Demucs above its model folder: `separated/htdemucs/<track>/vocals.wav`, pointed at
    /// `separated` (pointed at `htdemucs` itself, the layout is `trackFolders`).
    case demucs
    /// One folder per track, one file per target: Spleeter, Open-Unmix, or a Demucs model folder.
    case trackFolders = "track-folders"
    /// Spleeter (`<track>/vocals.wav`, `accompaniment.wav`): the same files as `trackFolders`.
    case spleeter
    /// Open-Unmix (`<track>/vocals.wav`, …): the same files as `trackFolders`.
    case openUnmix = "open-unmix"
    /// Ultimate Vocal Remover: flat files `<track>_(Vocals).wav`, `<track>_(Instrumental).wav`.
    case uvr

    /// The path pattern (see `EstimateLayout`); extensions stay open, so FLAC etc. match.
    public var pattern: String {
        switch self {
        case .museval: return "{subset}/{track}/{target}"
        case .demucs: return "{model}/{track}/{target}"
        case .trackFolders, .spleeter, .openUnmix: return "{track}/{target}"
        case .uvr: return "{track}_({target})"
        }
    }

    /// The parsed layout.
    public var layout: EstimateLayout {
        // The preset patterns are valid by construction.
        try! EstimateLayout(pattern: pattern)
    }

    /// Who writes this layout, for messages.
    public var summary: String {
        switch self {
        case .museval: return "museval layout: <subset>/<track>/<target>.wav"
        case .demucs: return "Demucs output folder: <model>/<track>/<target>.wav"
        case .trackFolders: return "track folders: <track>/<target>.wav (Spleeter, Open-Unmix, a Demucs model folder)"
        case .spleeter: return "Spleeter: <track>/<target>.wav"
        case .openUnmix: return "Open-Unmix: <track>/<target>.wav"
        case .uvr: return "UVR flat files: <track>_(<Target>).wav"
        }
    }

    /// The distinct layouts auto-detection tries, most specific first (Spleeter and
    /// Open-Unmix are the same files as `trackFolders`).
    public static let detectionOrder: [LayoutPreset] = [.museval, .demucs, .trackFolders, .uvr]

    /// The preset called `name` (case-insensitive; `openunmix`, `umx`, `track_folders` too).
    public init?(name: String) {
        let key = TargetAliases.normalised(name).replacingOccurrences(of: "_", with: "-")
        switch key {
        case "openunmix", "umx": self = .openUnmix
        case "musdb": self = .museval
        default:
            guard let preset = LayoutPreset(rawValue: key) else { return nil }
            self = preset
        }
    }
}
