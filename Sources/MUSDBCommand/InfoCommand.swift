import ArgumentParser
import Audio
import Foundation
import MUSDB

/// `musdb info`: one track's files, shape and levels. Works for a healthy track whatever
/// the other tracks hold; a track that cannot be indexed, or a stem that fails validation
/// (unreadable, NaN, another rate, channel count or length), is an `error:` line and exit
/// status 1. A missing source is shown as missing, as before.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show one track: its stems, rate, channels, frames and peak levels in dBFS.")

    @OptionGroup var dataset: DatasetOptions

    @Argument(help: ArgumentHelp("The track name, e.g. \"Music Delta - 80s Rock\".", valueName: "TRACK"))
    var track: String

    func run() throws {
        try reportingErrors {
            let database = try Database(root: dataset.rootURL(), isWav: dataset.isWav)
            let track = try database.track(named: track)
            print("track:    \(track.name)")
            print("artist:   \(track.artist ?? "-")    title: \(track.title ?? "-")")
            print("subset:   \(track.subset.rawValue)" + (track.split.map { " (split \($0.rawValue))" } ?? ""))
            print("layout:   \(track.isWav ? "MUSDB18-HQ (WAV)" : "MUSDB18 (.stem.mp4, decoded with ffmpeg)")")
            print("path:     \(track.path.path)")
            print("rate:     \(track.rate) Hz    channels: \(track.channelCount)")
            print(String(format: "frames:   %d    duration: %.6f s", track.frameCount, track.duration))
            print("stems:")
            // Each stem is loaded and validated on its own, so one bad stem is named on its
            // line (and fails the command) without hiding the others.
            var failures = [Error]()
            let stems: [(String, () throws -> AudioBuffer)] =
                [("mixture", { try track.audio() })]
                + Source.allCases.map { source in (source.rawValue, { try track.audio(of: source) }) }
            for (name, load) in stems {
                do {
                    let buffer = try load()
                    let peaks = buffer.channelPeaks.map { Self.dBFS($0) }.joined(separator: "  ")
                    print(
                        "  " + padded(name, 8)
                            + String(
                                format: " %9d frames  %d ch  peak ", buffer.frameCount,
                                buffer.channelCount) + peaks)
                } catch {
                    if case MUSDBError.missingSource = error {
                        print("  " + padded(name, 8) + " missing")
                    } else {
                        print("  " + padded(name, 8) + " error: \(error)")
                        failures.append(error)
                    }
                }
            }
            for failure in failures { printProgress("error: \(failure)") }
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }

    static func dBFS(_ peak: Double) -> String {
        peak > 0 ? String(format: "%6.2f dBFS", 20 * log10(peak)) : "  -inf dBFS"
    }
}
