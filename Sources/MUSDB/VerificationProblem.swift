import Foundation

/// One thing `DatasetVerifier` found wrong with a dataset.
public enum VerificationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The manifest lists the track but the root does not hold it.
    case missingTrack(name: String, subset: Subset)
    /// The root holds a track the manifest does not list.
    case extraTrack(name: String, subset: Subset)
    /// The track is in the other subset folder than the manifest says.
    case wrongSubset(name: String, found: Subset, expected: Subset)
    /// A stem file (HQ) or stream (stems) is missing.
    case missingStem(track: String, stem: String, path: String)
    /// A stem exists but cannot be read.
    case unreadableStem(track: String, stem: String, message: String)
    /// A stem (or the mixture) whose samples cannot be used, found when decoding it: NaN or
    /// infinite samples, or a decoded shape that differs from the mixture's.
    case invalidStem(track: String, stem: String, path: String, fault: StemFault)
    /// An entry of a subset folder that cannot be indexed as a track (see `TrackProblem`).
    case unindexable(TrackProblem)
    /// A stem has another sample rate than the manifest's.
    case wrongRate(track: String, stem: String, found: Int, expected: Int, path: String)
    /// A stem has another channel count than the manifest's.
    case wrongChannelCount(track: String, stem: String, found: Int, expected: Int, path: String)
    /// The stems of a track differ in length and the mixture's is unknown (frames per stem);
    /// a stem whose length differs from a known mixture's is an `invalidStem(.length)`.
    case lengthMismatch(track: String, frames: [String: Int])
    /// A test track whose whole-second length differs from the manifest's.
    case wrongTestLength(track: String, seconds: Int, expected: Int)
    /// The mixture differs from the sum of the stems by more than the tolerance.
    case mixtureMismatch(track: String, errorDB: Double, toleranceDB: Double)

    public var description: String {
        switch self {
        case .missingTrack(let name, let subset):
            return "missing track: \(subset.rawValue)/\(name) (listed in the manifest)"
        case .extraTrack(let name, let subset):
            return "extra track: \(subset.rawValue)/\(name) (not in the manifest)"
        case .wrongSubset(let name, let found, let expected):
            return "\(name): found in \(found.rawValue)/ but the manifest lists it under \(expected.rawValue)/"
        case .missingStem(let track, let stem, let path):
            return "\(track): missing \(stem) (\(path))"
        case .unreadableStem(let track, let stem, let message):
            return "\(track): unreadable \(stem): \(message)"
        case let .invalidStem(track, stem, path, fault):
            return "\(track): \(stem) \(path) \(fault)"
        case .unindexable(let problem):
            return problem.description
        case let .wrongRate(track, stem, found, expected, path):
            return "\(track): \(stem) \(path) is at \(found) Hz, expected \(expected) Hz"
        case let .wrongChannelCount(track, stem, found, expected, path):
            return "\(track): \(stem) \(path) has \(found) channel\(found == 1 ? "" : "s"), expected \(expected)"
        case .lengthMismatch(let track, let frames):
            let list = frames.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(track): stems differ in length (frames: \(list))"
        case .wrongTestLength(let track, let seconds, let expected):
            return "\(track): \(seconds) whole seconds, the manifest says \(expected)"
        case .mixtureMismatch(let track, let errorDB, let toleranceDB):
            return "\(track): mixture differs from the sum of the stems by "
                + String(format: "%.1f dB (tolerance %.1f dB)", errorDB, toleranceDB)
        }
    }
}
