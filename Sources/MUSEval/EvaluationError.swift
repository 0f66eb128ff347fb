import Foundation

/// Problems that stop a whole evaluation run before any track is scored (bad arguments,
/// an estimates folder whose layout cannot be told). Each message says what to do.
public enum EvaluationError: Error, Equatable, Sendable {
    /// A `--target-map` entry that is not `alias=target`.
    case invalidTargetMap(String, reason: String)
    /// A `--layout` pattern that cannot be used.
    case invalidLayout(String, reason: String)
    /// The estimates folder does not exist.
    case estimatesFolderNotFound(URL)
    /// `dir`: the reference folder does not exist.
    case referenceFolderNotFound(URL)
    /// No layout matches any audio file with a known target name; `seen` lists a few files.
    case noEstimatesFound(URL, seen: [String])
    /// Several layouts explain different files of the folder.
    case ambiguousLayout(URL, candidates: [String])
    /// A Demucs output folder with several model folders.
    case severalModels(URL, models: [String])
    /// The output folder is the dataset root or inside it.
    case outputInsideDataset(output: URL, root: URL)
    /// None of the estimate tracks is a track of the dataset.
    case noMatchingTracks(URL, examples: [String])
    /// `dir`: a folder without any audio file.
    case noAudioFiles(URL)
    /// `dir`: no estimate has the name of a reference.
    case noPairs(references: [String], estimates: [String])
    /// The output folder holds `count` score files of another origin (another method,
    /// references or settings, or unknown), `example` among them; nothing was scored.
    case foreignScores(folder: URL, count: Int, example: URL, holds: String, thisRun: String)
}

extension EvaluationError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .invalidTargetMap(entry, reason):
            return "--target-map: cannot use '\(entry)': \(reason)"
        case let .invalidLayout(pattern, reason):
            return "--layout '\(pattern)': \(reason). Presets: "
                + LayoutPreset.allCases.map(\.rawValue).joined(separator: ", ")
        case let .estimatesFolderNotFound(url):
            return "\(url.path): no such estimates folder"
        case let .referenceFolderNotFound(url):
            return "\(url.path): no such reference folder"
        case let .noEstimatesFound(url, seen):
            let examples = seen.isEmpty ? "it holds no files" : "files seen: " + seen.joined(separator: ", ")
            return "\(url.path): found no estimates in any known layout (\(examples)). "
                + "Expected e.g. test/<track>/vocals.wav (museval), <model>/<track>/vocals.wav (Demucs), "
                + "<track>/vocals.wav (Spleeter, Open-Unmix) or <track>_(Vocals).wav (UVR); "
                + "describe yours with --layout '{track}/{target}.wav' and map unusual names with --target-map"
        case let .ambiguousLayout(url, candidates):
            return "\(url.path): the files fit several layouts:\n  " + candidates.joined(separator: "\n  ")
                + "\nchoose one with --layout (a preset name or a pattern such as '{track}/{target}.wav')"
        case let .severalModels(url, models):
            return "\(url.path): estimates of several Demucs models (\(models.joined(separator: ", "))); "
                + "point at one model folder, e.g. \(url.appendingPathComponent(models.first ?? "model").path), "
                + "or pass --layout '\(models.first ?? "model")/{track}/{target}'"
        case let .outputInsideDataset(output, root):
            return "\(output.path): the output folder is inside the dataset root \(root.path); "
                + "the dataset is never written to: choose another folder with -o"
        case let .noMatchingTracks(url, examples):
            return
                "\(url.path): none of the estimate tracks (\(examples.joined(separator: ", "))) is a track of the dataset "
                + "(check --musdb, --subsets and --is-wav)"
        case let .noAudioFiles(url):
            return "\(url.path): no audio files"
        case let .noPairs(references, estimates):
            return "no estimate is named like a reference (references: \(references.joined(separator: ", ")); "
                + "estimates: \(estimates.joined(separator: ", ")))"
        case let .foreignScores(folder, count, example, holds, thisRun):
            return "\(folder.path) \(holds); this run is \(thisRun). Nothing was scored: one folder holds one "
                + "method and one setting. Choose another output folder with -o, or pass --force to rescore and replace "
                + "\(count == 1 ? "the score file" : "all \(count) score files") (e.g. \(example.path))"
        }
    }

    public var errorDescription: String? { description }
}
