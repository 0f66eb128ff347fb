import ArgumentParser
import CommandSupport
import Foundation
import MUSDB

/// `musdb load`: decodes every track as a training loop would (benchmarks, smoke tests).
/// A track that fails (cannot be indexed, a stem that fails validation) is reported and
/// the others are loaded; the summary lists the failures and the exit status is 1.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load every track (mixture and all targets) and print shapes, checksums and time.",
        discussion: """
            Equivalent to iterating a Python musdb.DB and reading track.audio and every \
            track.targets[name].audio; each source is decoded once per track.

            Example:
              musdb load --root ~/MUSDB18 --subsets test --sample-rate 22050
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to load"))
    var subsets: [SubsetSelection] = [.all]

    // Numeric options take `.unconditional` parsing: a value may start with a minus sign,
    // so `-1` reaches the range check instead of being read as a missing value.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Resample on load to this rate, in Hz (libsamplerate; default: the tracks' rate).",
            valueName: "hz"))
    var sampleRate: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Load from this many seconds into each track (Python musdb's chunk_start; default: 0).",
            valueName: "seconds"))
    var chunkStart: Double = 0

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Load this many seconds of each track (Python musdb's chunk_duration; default: to the end).",
            valueName: "seconds"))
    var chunkDuration: Double?

    func validate() throws {
        if let sampleRate, sampleRate <= 0 {
            throw ValidationError("--sample-rate must be positive (got \(sampleRate))")
        }
        guard chunkStart.isFinite, chunkStart >= 0 else {
            throw ValidationError("--chunk-start must be a finite number of seconds, at least 0 (got \(chunkStart))")
        }
        if let chunkDuration, !(chunkDuration.isFinite && chunkDuration > 0) {
            throw ValidationError("--chunk-duration must be a positive number of seconds (got \(chunkDuration))")
        }
    }

    func run() throws {
        let started = Date()
        let database = try reportingErrors {
            try dataset.database(subsets: SubsetSelection.merged(subsets), sampleRate: sampleRate)
        }
        var failures = database.problems.map(\.description)
        for problem in database.problems { printError("error: \(problem)") }
        var frames = 0, loaded = 0
        for (index, var track) in database.tracks.enumerated() {
            printError("[\(index + 1)/\(database.tracks.count)] \(track.name)")
            track.chunkStart = chunkStart
            track.chunkDuration = chunkDuration
            do {
                let mixture = try track.audio()
                let targets = try track.load(track.targets)
                frames += mixture.frameCount
                loaded += 1
                print(TrackSummary.loadLine(track: track, mixture: mixture, targets: targets))
            } catch {
                printError("error: \(error)")
                failures.append("\(error)")
            }
        }
        print(
            String(format: "loaded %d tracks, %d frames in %.3f s", loaded, frames, Date().timeIntervalSince(started)))
        guard !failures.isEmpty else { return }
        printError("loaded \(loaded) tracks, \(failures.count) failed:")
        for failure in failures { printError("  \(failure)") }
        throw ExitCode.failure
    }
}
