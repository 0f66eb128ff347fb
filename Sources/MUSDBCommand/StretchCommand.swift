import ArgumentParser
import Audio
import Augmentation
import DSP
import Foundation

/// `musdb stretch`: the augmentation's pitch shift / time stretch on one file (used by
/// Benchmarks/augment_quality.sh to compare with Rubber Band and SoundTouch).
struct StretchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stretch",
        abstract: "Pitch-shift and/or time-stretch one audio file with the augmentation's phase vocoder.",
        discussion: """
            Reads IN with libsndfile and writes OUT (same format family as --format). --rate 1.1 \
            plays 10 % faster (the output is IN's length / 1.1); --semitones 2 raises the pitch \
            by a whole tone; both may be given. All channels share one phase evolution, so the \
            stereo image is kept. Prints the processing speed in × real time on stderr.
            """)

    @Argument(help: "Input audio file.") var input: String
    @Argument(help: "Output audio file.") var output: String
    @Option(name: .long, help: "Tempo factor (> 1 is faster).") var rate: Double = 1
    // `.unconditional`: the value may start with a minus sign (`--semitones -3`).
    @Option(
        name: .long, parsing: .unconditional, help: "Pitch change in semitones (fractional allowed; negative lowers).")
    var semitones: Double = 0
    @Option(name: .long, help: "Advanced: FFT size of the phase vocoder (default: ~46 ms, 2048 at 44.1 kHz).")
    var fftSize: Int?
    @Option(name: .long, help: "Advanced: synthesis hop (default: a quarter of the FFT size).")
    var hop: Int?
    @Option(name: .long, help: "Advanced: libsamplerate converter for pitch shifts: best, medium or fastest.")
    var resampling: String = "medium"
    @Flag(name: .long, help: "Advanced: stretch attacks like everything else (no transient preservation).")
    var noTransients = false
    @Option(name: .long, help: ArgumentHelp("Encoding: wav16, wav24 or float.", valueName: "FORMAT"))
    var format: String = "wav16"

    /// The phase vocoder's framing rules and the stretch's ranges, checked here so that an
    /// argument is a usage error, never a trap in the vocoder's preconditions.
    func validate() throws {
        guard timeStretchRates.contains(rate) else { throw ValidationError("--rate must be in 0.25…4 (got \(rate))") }
        guard pitchShiftSemitones.contains(semitones) else {
            throw ValidationError("--semitones must be in −48…48 (got \(semitones))")
        }
        if let fftSize, fftSize < 16 || fftSize > 1 << 20 {
            throw ValidationError("--fft-size must be in 16…\(1 << 20) (got \(fftSize))")
        }
        if let hop, hop <= 0 { throw ValidationError("--hop must be positive (got \(hop))") }
    }

    /// The phase vocoder of an explicit framing, or a usage error when the hop does not
    /// divide the FFT size or exceeds half of it.
    static func vocoder(fftSize: Int, hop: Int) throws -> PhaseVocoder {
        guard fftSize % hop == 0, hop <= fftSize / 2 else {
            throw ValidationError("--hop \(hop) must divide the FFT size \(fftSize) and be at most half of it")
        }
        return PhaseVocoder(fftSize: fftSize, hop: hop)
    }

    func run() throws {
        guard let fileFormat: AudioFileFormat = ["wav16": .wav16, "wav24": .wav24, "float": .wavFloat32][format] else {
            throw ValidationError("unknown --format '\(format)': use wav16, wav24 or float")
        }
        guard let quality = ResamplingQuality(rawValue: resampling), [.best, .medium, .fastest].contains(quality) else {
            throw ValidationError("unknown --resampling '\(resampling)': use best, medium or fastest")
        }
        try reportingErrors {
            let buffer = try AudioFile.read(URL(fileURLWithPath: input))
            let start = Date()
            // Only an explicit framing overrides the default (which adapts the hop to the rate).
            var vocoder: PhaseVocoder?
            if let fftSize {
                vocoder = try Self.vocoder(fftSize: fftSize, hop: hop ?? max(1, fftSize / 4))
            } else if let hop {
                vocoder = try Self.vocoder(fftSize: PhaseVocoder(sampleRate: buffer.sampleRate).fftSize, hop: hop)
            }
            if noTransients {
                vocoder =
                    vocoder
                    ?? PhaseVocoder(
                        sampleRate: buffer.sampleRate,
                        rate: rate / Double.exp2(semitones / 12))
                vocoder?.preservesTransients = false
            }
            let channels = try pitchShift(
                buffer.channels, semitones: semitones, rate: rate,
                sampleRate: buffer.sampleRate, vocoder: vocoder, resampling: quality)
            let seconds = Date().timeIntervalSince(start)
            try AudioFile.write(
                AudioBuffer(sampleRate: buffer.sampleRate, channels: channels),
                to: URL(fileURLWithPath: output), format: fileFormat)
            printProgress(
                String(
                    format: "processed %.2f s of audio in %.3f s (%.1f× real time)",
                    buffer.duration, seconds, buffer.duration / max(seconds, 1e-9)))
        }
    }
}
