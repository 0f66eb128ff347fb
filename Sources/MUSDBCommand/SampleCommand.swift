import ArgumentParser
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
            """)

    @Argument(help: ArgumentHelp("The folder to create (must not already hold a dataset).", valueName: "OUT"))
    var output: String

    @Option(name: .long, help: "Number of training tracks.")
    var tracks: Int = 4

    @Option(name: .long, help: "Number of test tracks.")
    var testTracks: Int = 2

    @Option(name: .long, help: "Length of every track in seconds.")
    var seconds: Double = 10

    @Option(name: .long, help: "Seed of the random choices (same seed, same bytes).")
    var seed: UInt64 = 2018

    @Option(name: .long, help: "Sample rate in Hz.")
    var rate: Int = 44100

    func validate() throws {
        guard tracks >= 0, testTracks >= 0, tracks + testTracks > 0 else {
            throw ValidationError("--tracks and --test-tracks must be ≥ 0 and not both 0")
        }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard rate >= 8000, rate <= 192_000 else { throw ValidationError("--rate must be in [8000, 192000]") }
    }

    func run() throws {
        let dataset = SampleDataset(
            trainTrackCount: tracks, testTrackCount: testTracks, seconds: seconds,
            seed: seed, sampleRate: rate)
        let root = URL(fileURLWithPath: output)
        try reportingErrors {
            try dataset.write(to: root, progress: printProgress)
        }
        print("wrote \(tracks + testTracks) tracks of \(seconds) s to \(root.path) (read it with --is-wav)")
    }
}
