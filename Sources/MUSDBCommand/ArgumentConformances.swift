import ArgumentParser
import Audio
import Augmentation

// The choices of the musdb commands, parsed by ArgumentParser from their names (the
// domain libraries do not import it). Help and errors list the values.

/// `--format wav16|wav24|float|flac`.
extension Recipe.Format: ExpressibleByArgument {}

/// `--remix none|random|shuffle`.
extension Recipe.Remix: ExpressibleByArgument {}

/// `--resampling best|medium|fastest`: the band-limited converters only.
extension ResamplingQuality: ExpressibleByArgument {
    public static var allValueStrings: [String] { [best, medium, fastest].map(\.rawValue) }

    public init?(argument: String) {
        guard Self.allValueStrings.contains(argument), let quality = Self(rawValue: argument) else { return nil }
        self = quality
    }
}
