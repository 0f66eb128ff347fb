import Foundation

/// Everything that decides an augmented set: which excerpts, which transforms, how they
/// are drawn, how the files are written. The `musdb augment` flags and a `--recipe` JSON
/// file both fill this, so a training setup can be versioned beside the model.
///
/// Defaults mirror the anchors: gain uniform in 0.25…1.25 per source and channel swap
/// with p = 0.5 (Open-Unmix, Demucs); repitch with p = 0.2, an integer pitch change in
/// −2…2 semitones and a tempo change drawn from N(0, 5 %) clipped to ±12 % (Demucs).
/// Sign flips and cross-track remixing are off unless asked for.
public struct Recipe: Codable, Equatable, Sendable {
    /// How the sources of an example are drawn from the tracks.
    public enum Remix: String, Codable, Sendable, CaseIterable {
        /// All sources from one track, one offset (the original mix, re-gained).
        case none
        /// Each source from its own random track and offset (Open-Unmix `random_track_mix`).
        case random
        /// Demucs' `Remix`: examples come in groups of `remixGroupSize`; each source of an
        /// example is taken from a random member of its group (a permutation per source).
        case shuffle
    }

    /// The output encodings.
    public enum Format: String, Codable, Sendable, CaseIterable {
        case wav16, wav24, float, flac
    }

    public var seed: UInt64 = 42
    /// Examples drawn per track of the selection (the set has `tracks × this` examples).
    public var examplesPerTrack: Int = 4
    /// Length of each example in seconds; nil takes whole tracks (no excerpt, no remix).
    public var duration: Double? = 6
    /// The sources written, beside the mixture.
    public var sources: [String] = ["vocals", "drums", "bass", "other"]

    public var gainMin: Double = 0.25
    public var gainMax: Double = 1.25
    public var swapProbability: Double = 0.5
    public var signFlipProbability: Double = 0
    public var remix: Remix = .none
    public var remixGroupSize: Int = 4

    /// Probability that an example is repitched / re-timed (all its sources alike).
    public var repitchProbability: Double = 0.2
    /// Largest pitch change in semitones; the change is an integer in −max…max.
    public var maxSemitones: Int = 2
    /// Standard deviation of the tempo change, in percent.
    public var tempoStdPercent: Double = 5
    /// Largest tempo change, in percent (the normal draw is clipped to ±this).
    public var maxTempoPercent: Double = 12

    public var format: Format = .wav16
    /// Resample the sources to this rate on load (libsamplerate); nil keeps the tracks' rate.
    public var sampleRate: Int? = nil

    public init() {}

    // Missing keys in a recipe file keep their defaults, so a recipe can be short.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Recipe()
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        examplesPerTrack = try c.decodeIfPresent(Int.self, forKey: .examplesPerTrack) ?? d.examplesPerTrack
        duration = c.contains(.duration) ? try c.decodeIfPresent(Double.self, forKey: .duration) : d.duration
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? d.sources
        gainMin = try c.decodeIfPresent(Double.self, forKey: .gainMin) ?? d.gainMin
        gainMax = try c.decodeIfPresent(Double.self, forKey: .gainMax) ?? d.gainMax
        swapProbability = try c.decodeIfPresent(Double.self, forKey: .swapProbability) ?? d.swapProbability
        signFlipProbability = try c.decodeIfPresent(Double.self, forKey: .signFlipProbability) ?? d.signFlipProbability
        remix = try c.decodeIfPresent(Remix.self, forKey: .remix) ?? d.remix
        remixGroupSize = try c.decodeIfPresent(Int.self, forKey: .remixGroupSize) ?? d.remixGroupSize
        repitchProbability = try c.decodeIfPresent(Double.self, forKey: .repitchProbability) ?? d.repitchProbability
        maxSemitones = try c.decodeIfPresent(Int.self, forKey: .maxSemitones) ?? d.maxSemitones
        tempoStdPercent = try c.decodeIfPresent(Double.self, forKey: .tempoStdPercent) ?? d.tempoStdPercent
        maxTempoPercent = try c.decodeIfPresent(Double.self, forKey: .maxTempoPercent) ?? d.maxTempoPercent
        format = try c.decodeIfPresent(Format.self, forKey: .format) ?? d.format
        sampleRate = try c.decodeIfPresent(Int.self, forKey: .sampleRate) ?? d.sampleRate
    }

    /// The recipe in `url` (JSON; keys as the properties, e.g. `"gainMin": 0.5`).
    public static func load(from url: URL) throws -> Recipe {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AugmentationError.invalidRecipe(url, "cannot read it (\(error.localizedDescription))")
        }
        do { return try JSONDecoder().decode(Recipe.self, from: data) } catch let error as DecodingError {
            throw AugmentationError.invalidRecipe(url, Self.describe(error))
        }
    }

    /// The recipe as pretty, key-sorted JSON (stable bytes for the same settings).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Throws when a setting is out of range, naming it.
    public func validate() throws {
        func check(_ condition: Bool, _ message: String) throws {
            if !condition { throw AugmentationError.invalidParameter(message) }
        }
        // Upper bounds keep every frame count and example count an Int: a recipe file is
        // input, and a huge value must be an error, never an overflow trap.
        try check(
            examplesPerTrack >= 1 && examplesPerTrack <= Self.maxExamplesPerTrack,
            "examplesPerTrack must be in 1…\(Self.maxExamplesPerTrack) (got \(examplesPerTrack))")
        if let duration {
            try check(
                duration > 0 && duration <= Self.maxDuration,
                "duration must be positive and at most \(Int(Self.maxDuration)) s (got \(duration))")
        }
        try check(!sources.isEmpty && Set(sources).count == sources.count, "sources must be distinct and not empty")
        try check(
            gainMin >= 0 && gainMin <= gainMax && gainMax.isFinite,
            "gain range \(gainMin)…\(gainMax) is not 0 ≤ min ≤ max")
        for (name, p) in [
            ("swapProbability", swapProbability), ("signFlipProbability", signFlipProbability),
            ("repitchProbability", repitchProbability)
        ] {
            try check(p >= 0 && p <= 1, "\(name) must be in 0…1 (got \(p))")
        }
        try check(
            remixGroupSize >= 2 && remixGroupSize <= 4096, "remixGroupSize must be in 2…4096 (got \(remixGroupSize))")
        try check(maxSemitones >= 0 && maxSemitones <= 24, "maxSemitones must be in 0…24 (got \(maxSemitones))")
        try check(
            tempoStdPercent >= 0 && tempoStdPercent.isFinite && maxTempoPercent >= 0 && maxTempoPercent < 75,
            "tempo settings must be finite, ≥ 0 and maxTempoPercent < 75")
        if let sampleRate {
            try check(sampleRate >= 1000 && sampleRate <= 384_000, "sampleRate \(sampleRate) Hz is out of range")
        }
        try check(duration != nil || remix == .none, "whole-track examples (no duration) cannot be remixed")
    }

    /// The longest excerpt a recipe may ask for, in seconds (a day).
    public static let maxDuration: Double = 86_400
    /// The most examples a recipe may draw per track.
    public static let maxExamplesPerTrack = 1_000_000

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
