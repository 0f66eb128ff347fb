import ArgumentParser
import Audio
import Foundation
import MUSDB

/// `musdb info`: one track's files, shape and levels.
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
            let sources = try track.loadSources(track.sources)
            var stems: [(String, AudioBuffer)] = [("mixture", try track.audio())]
            for source in Source.allCases {
                guard let buffer = sources[source] else {
                    print("  " + padded(source.rawValue, 8) + " missing")
                    continue
                }
                stems.append((source.rawValue, buffer))
            }
            for (name, buffer) in stems {
                let peaks = buffer.channelPeaks.map { Self.dBFS($0) }.joined(separator: "  ")
                print("  " + padded(name, 8) + String(format: " %9d frames  %d ch  peak ", buffer.frameCount,
                                                        buffer.channelCount) + peaks)
            }
        }
    }

    static func dBFS(_ peak: Double) -> String {
        peak > 0 ? String(format: "%6.2f dBFS", 20 * log10(peak)) : "  -inf dBFS"
    }
}
