/// The dataset layouts `Database` indexes. Each names where a track's stems are, how its
/// tracks are split, and which stems it has before any stem mapping.
public enum DatasetKind: String, Sendable, CaseIterable, Codable {
    /// MUSDB18: `ROOT/{train,test}/<track>.stem.mp4`.
    case musdb18
    /// MUSDB18-HQ: `ROOT/{train,test}/<track>/{mixture,vocals,drums,bass,other}.wav`.
    case musdb18hq
    /// DSD100: `ROOT/Mixtures/{Dev,Test}/<track>/mixture.wav` and
    /// `ROOT/Sources/{Dev,Test}/<track>/{vocals,drums,bass,other}.wav`; Dev is the train subset.
    case dsd100
    /// MoisesDB: `ROOT/<provider>/<track id>/data.json` and
    /// `ROOT/<provider>/<track id>/<stem>/<part id>.wav`; no mixture file, no official split.
    case moisesdb
    /// A generic folder: `ROOT/<track>/<stem>.wav` (or `ROOT/{train,test}/<track>/<stem>.wav`),
    /// any stem names, `mixture.wav` optional.
    case folder

    /// True for MUSDB18 and MUSDB18-HQ, whose stems, split and manifest are fixed.
    public var isMUSDB18: Bool { self == .musdb18 || self == .musdb18hq }

    /// True for the layouts of WAV files (all but MUSDB18's stem files).
    public var isWav: Bool { self != .musdb18 }

    /// True for the layouts that ship a train/test split of their own.
    public var hasOfficialSplit: Bool {
        switch self {
        case .musdb18, .musdb18hq, .dsd100: return true
        case .moisesdb, .folder: return false
        }
    }

    /// One line saying what the layout is, for help texts and reports.
    public var summary: String {
        switch self {
        case .musdb18: return "MUSDB18, train/ and test/ of .stem.mp4 files"
        case .musdb18hq: return "MUSDB18-HQ, train/ and test/ of track folders of WAVs"
        case .dsd100: return "DSD100, Mixtures/{Dev,Test} and Sources/{Dev,Test} (Dev is train)"
        case .moisesdb: return "MoisesDB, <provider>/<track id>/data.json with stem folders of parts"
        case .folder: return "a folder of track folders of <stem>.wav files"
        }
    }
}
