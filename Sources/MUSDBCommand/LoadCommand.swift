import ArgumentParser
import Audio
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
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(name: .long, help: ArgumentHelp("Subsets to load, comma-separated.", valueName: "LIST"))
    var subsets: String = "train,test"

    @Option(name: .long, help: ArgumentHelp("Resample on load to this rate (libsamplerate).", valueName: "HZ"))
    var sampleRate: Int?

    func run() throws {
        let subsetList = try Subset.list(parsing: subsets)
        let started = Date()
        let database = try reportingErrors {
            try Database(root: dataset.rootURL(), subsets: subsetList, isWav: dataset.isWav, sampleRate: sampleRate)
        }
        var failures = database.problems.map(\.description)
        for problem in database.problems { printProgress("error: \(problem)") }
        var frames = 0, loaded = 0
        for (index, track) in database.tracks.enumerated() {
            printProgress("[\(index + 1)/\(database.tracks.count)] \(track.name)")
            do {
                let mixture = try track.audio()
                let targets = try track.load(track.targets)
                frames += mixture.frameCount
                loaded += 1
                let sum = targets.values.reduce(0.0) { $0 + $1.channels.reduce(0.0) { $0 + $1.reduce(0, +) } }
                print(
                    "\(track.name)\t\(mixture.frameCount)x\(mixture.channelCount)\t\(targets.count) targets\t"
                        + String(format: "sum %.6f", sum))
            } catch {
                printProgress("error: \(error)")
                failures.append("\(error)")
            }
        }
        print(
            String(format: "loaded %d tracks, %d frames in %.3f s", loaded, frames, Date().timeIntervalSince(started)))
        guard !failures.isEmpty else { return }
        printProgress("loaded \(loaded) tracks, \(failures.count) failed:")
        for failure in failures { printProgress("  \(failure)") }
        throw ExitCode.failure
    }

    func validate() throws {
        if let sampleRate, sampleRate <= 0 {
            throw ValidationError("--sample-rate must be positive (got \(sampleRate))")
        }
    }
}
