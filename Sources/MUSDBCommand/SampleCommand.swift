import ArgumentParser
import CommandSupport
import Foundation
import MUSDB

/// `musdb sample`: writes the deterministic synthetic MUSDB18-HQ-shaped dataset.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a small synthetic dataset in the MUSDB18-HQ layout (offline, byte-identical every run).",
        discussion: """
            Writes OUT/{train,test}/<Artist - Title>/{mixture,vocals,drums,bass,other}.wav \
            (16-bit, stereo) and OUT/manifest.json. The mixture is exactly the sum of the stems. \
            Read it with --is-wav.

            Example:
              musdb sample -o sample-data --tracks 2 --test-tracks 1 --seconds 5
              musdb list --root sample-data --is-wav
            """)

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "The folder to create (must not already hold a dataset).",
            valueName: "out"))
    var output: String?

    @Argument(help: ArgumentHelp("The same as -o OUT (one of them is required).", valueName: "out"))
    var positionalOutput: String?

    // Numeric options take `.unconditional` parsing: a value may start with a minus sign,
    // so `-1` reaches the range check instead of being read as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of training tracks.", valueName: "n"))
    var tracks: Int = 4

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of test tracks.", valueName: "n"))
    var testTracks: Int = 2

    @Option(parsing: .unconditional, help: ArgumentHelp("Length of every track, in seconds.", valueName: "seconds"))
    var seconds: Double = 10

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seed of the random choices (same seed, same bytes).", valueName: "n"))
    var seed: UInt64 = 2018

    @Option(parsing: .unconditional, help: ArgumentHelp("Sample rate, in Hz.", valueName: "hz"))
    var sampleRate: Int = 44100

    /// `--rate`, the earlier spelling of `--sample-rate`.
    @Option(name: .customLong("rate"), parsing: .unconditional, help: .hidden)
    var legacyRate: Int?

    /// The sample rate from `--sample-rate`, or from `--rate`.
    var rate: Int { legacyRate ?? sampleRate }

    func validate() throws {
        _ = try OutputPath.resolve(option: output, positional: positionalOutput)
        guard tracks >= 0, testTracks >= 0, tracks + testTracks > 0 else {
            throw ValidationError("--tracks and --test-tracks must be ≥ 0 and not both 0")
        }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard rate >= 8000, rate <= 192_000 else { throw ValidationError("--sample-rate must be in [8000, 192000]") }
    }

    func run() throws {
        let dataset = SampleDataset(
            trainTrackCount: tracks, testTrackCount: testTracks, seconds: seconds,
            seed: seed, sampleRate: rate)
        let root = URL(fileURLWithPath: try OutputPath.resolve(option: output, positional: positionalOutput))
        try reportingErrors {
            try dataset.write(to: root, progress: printError)
        }
        print("wrote \(tracks + testTracks) tracks of \(seconds) s to \(root.path) (read it with --is-wav)")
    }
}
