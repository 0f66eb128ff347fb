import ArgumentParser
import Audio
import Augmentation
import CommandSupport
import DSP
import Foundation

/// `musdb stretch`: the augmentation's pitch shift / time stretch on one file (used by
/// Benchmarks/augment_quality.sh to compare with Rubber Band and SoundTouch).
struct StretchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stretch",
        abstract: "Pitch-shift and/or time-stretch one audio file with the augmentation's phase vocoder.",
        discussion: """
            Reads IN with libsndfile and writes OUT in the --format encoding. --rate 1.1 \
            plays 10 % faster (the output is IN's length / 1.1); --semitones 2 raises the pitch \
            by a whole tone, --semitones -3 lowers it by three semitones; both may be given. All \
            channels share one phase evolution, so the stereo image is kept. Prints the processing \
            speed in × real time on stderr.

            Example:
              musdb stretch vocals.wav -o vocals-down.wav --semitones -3 --rate 1.1
            """)

    @Argument(help: ArgumentHelp("The audio file to read (any format libsndfile reads).", valueName: "in"))
    var input: String

    @Option(name: [.short, .long], help: ArgumentHelp("The audio file to write.", valueName: "out"))
    var output: String?

    @Argument(help: ArgumentHelp("The same as -o OUT (one of them is required).", valueName: "out"))
    var positionalOutput: String?

    // Numeric options take `.unconditional` parsing: a value may start with a minus sign,
    // so `-1` reaches the range check instead of being read as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Tempo factor (> 1 is faster; 0.25…4).", valueName: "factor"))
    var rate: Double = 1

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Pitch change in semitones (fractional allowed; negative lowers; −48…48).", valueName: "semitones"))
    var semitones: Double = 0

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Advanced: FFT size of the phase vocoder, in samples (default: ~46 ms, 2048 at 44.1 kHz).",
            valueName: "n"))
    var fftSize: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Advanced: synthesis hop, in samples (default: a quarter of the FFT size).",
            valueName: "n"))
    var hop: Int?

    @Option(help: "Advanced: libsamplerate converter for pitch shifts.")
    var resampling: ResamplingQuality = .medium

    @Flag(help: "Advanced: stretch attacks like everything else (no transient preservation).")
    var noTransients = false

    @Option(help: "Encoding of OUT.")
    var format: Recipe.Format = .wav16

    /// The phase vocoder's framing rules and the stretch's ranges, checked here so that an
    /// argument is a usage error, never a trap in the vocoder's preconditions.
    func validate() throws {
        _ = try OutputPath.resolve(option: output, positional: positionalOutput)
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
        let output = try OutputPath.resolve(option: output, positional: positionalOutput)
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
                sampleRate: buffer.sampleRate, vocoder: vocoder, resampling: resampling)
            let seconds = Date().timeIntervalSince(start)
            try AudioFile.write(
                AudioBuffer(sampleRate: buffer.sampleRate, channels: channels),
                to: URL(fileURLWithPath: output), format: format.audioFileFormat)
            printError(
                String(
                    format: "processed %.2f s of audio in %.3f s (%.1f× real time)",
                    buffer.duration, seconds, buffer.duration / max(seconds, 1e-9)))
        }
    }
}
