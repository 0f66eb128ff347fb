import Foundation

/// What went wrong while building an augmented set, worded for the person running it.
public enum AugmentationError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A transform or recipe parameter is out of range.
    case invalidParameter(String)
    /// libsamplerate refused the conversion.
    /// The example's sources do not have the same shape.
    case shapeMismatch(String)
    /// The recipe file cannot be read or decoded.
    case invalidRecipe(URL, String)
    /// The output folder cannot be used.
    case unusableOutput(URL, String)
    /// The dataset has nothing to draw from.
    case emptyDataset(String)
    /// FLAC output was asked for without `--allow-flac`: no MUSDB18-HQ reader reads it.
    case flacNotAllowed

    public var description: String {
        switch self {
        case .invalidParameter(let message): return "invalid augmentation parameter: \(message)"
        case .shapeMismatch(let message): return "sources do not match: \(message)"
        case .invalidRecipe(let url, let message): return "cannot use the recipe \(url.path): \(message)"
        case .unusableOutput(let url, let message): return "cannot write to \(url.path): \(message)"
        case .emptyDataset(let message): return "nothing to augment: \(message)"
        case .flacNotAllowed:
            return
                "--format flac writes stems that neither `musdb list --is-wav` nor Python musdb reads (Python musdb "
                + "reads only WAV stems: is_wav=True expects mixture.wav, vocals.wav, …); choose wav16, wav24 or "
                + "float, or pass --allow-flac to write FLAC anyway"
        }
    }

    public var errorDescription: String? { description }
}
