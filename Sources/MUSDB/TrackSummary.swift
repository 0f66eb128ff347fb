import Audio
import Foundation

/// The words and numbers `musdb list`, `info` and `load` print for a track: one place for
/// their format, so the commands only print.
public enum TrackSummary {
    /// One stem of a track as `musdb info` checks it: loaded and validated on its own, so
    /// one bad stem is named without hiding the others.
    public struct Stem: Sendable {
        /// What loading the stem gave.
        public enum State: Sendable {
            case loaded(frameCount: Int, channelCount: Int, peaks: [Double])
            /// The source has no file (HQ layout); not an error.
            case missing
            /// The stem exists but cannot be used (unreadable, NaN, another rate, …).
            case failed(any Error)
        }

        /// `mixture` or a source name (`vocals`, `drums`, `bass`, `other`, …).
        public var name: String
        public var state: State

        /// The failure, when the stem exists but cannot be used.
        public var error: (any Error)? {
            if case .failed(let error) = state { return error }
            return nil
        }

        /// `  vocals      441000 frames  2 ch  peak  -6.02 dBFS   -6.02 dBFS`.
        public var line: String {
            let label = "  " + name.padded(to: 8)
            switch state {
            case let .loaded(frameCount, channelCount, peaks):
                return label + String(format: " %9d frames  %d ch  peak ", frameCount, channelCount)
                    + peaks.map(TrackSummary.dBFS).joined(separator: "  ")
            case .missing:
                return label + " missing"
            case .failed(let error):
                return label + " error: \(error)"
            }
        }
    }

    /// `musdb list`'s line for the `index`th track: index, subset (and split), duration, name.
    public static func listLine(index: Int, track: Track) -> String {
        let split = track.split.map { "/\($0.rawValue)" } ?? ""
        return String(format: "%3d  ", index) + (track.subset.rawValue + split).padded(to: 12)
            + String(format: "%8.2f s  ", track.duration) + track.name
    }

    /// `musdb list --json`: an array of {name, artist, title, subset, split, rate, frames,
    /// duration}, pretty-printed with sorted keys; a missing artist, title or split is null.
    public static func listJSON(_ tracks: [Track]) throws -> Data {
        let rows = tracks.map { track -> [String: Any] in
            var row: [String: Any] = [
                "name": track.name, "subset": track.subset.rawValue, "rate": track.rate,
                "frames": track.frameCount, "duration": track.duration
            ]
            row["artist"] = track.artist ?? NSNull()
            row["title"] = track.title ?? NSNull()
            row["split"] = track.split?.rawValue ?? NSNull()
            return row
        }
        return try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
    }

    /// `musdb info`'s lines before the stems: name, artist and title, subset, layout, path,
    /// rate, channels, frames and duration (from the headers; nothing is decoded).
    public static func infoHeader(_ track: Track) -> [String] {
        [
            "track:    \(track.name)",
            "artist:   \(track.artist ?? "-")    title: \(track.title ?? "-")",
            "subset:   \(track.subset.rawValue)" + (track.split.map { " (split \($0.rawValue))" } ?? ""),
            "layout:   \(layoutName(track))",
            "path:     \(track.path.path)",
            "rate:     \(track.rate) Hz    channels: \(track.channelCount)",
            String(format: "frames:   %d    duration: %.6f s", track.frameCount, track.duration)
        ] + (track.dataset.isMUSDB18 ? [] : ["sources:  " + sourceParts(track)])
    }

    /// `vocals (2 files), drums (1 file), …`: what each source sums.
    static func sourceParts(_ track: Track) -> String {
        track.sources.map { source in
            let count = track.sourceFiles[source]?.count ?? 0
            return "\(source.rawValue) (\(count) \(count == 1 ? "file" : "files"))"
        }.joined(separator: ", ")
    }

    /// The dataset layout of `track` in words.
    static func layoutName(_ track: Track) -> String {
        switch track.dataset {
        case .musdb18, .musdb18hq:
            return track.isWav ? "MUSDB18-HQ (WAV)" : "MUSDB18 (.stem.mp4, decoded with ffmpeg)"
        case .dsd100: return "DSD100 (WAV)"
        case .moisesdb:
            return "MoisesDB (stems summed from their parts; the mixture is the sum of the stems)"
        case .folder:
            return "folder of WAVs" + (track.mixtureIsSum ? " (the mixture is the sum of the stems)" : "")
        }
    }

    /// The mixture and every source of `track`, each loaded and validated on its own.
    /// A source without a file is `missing`; any other error is that stem's `failed`.
    public static func stems(of track: Track) -> [Stem] {
        let loads: [(String, () throws -> AudioBuffer)] =
            [("mixture", { try track.audio() })]
            + track.sourceOrder.map { source in (source.rawValue, { try track.audio(of: source) }) }
        return loads.map { name, load in
            do {
                let buffer = try load()
                return Stem(
                    name: name,
                    state: .loaded(
                        frameCount: buffer.frameCount, channelCount: buffer.channelCount,
                        peaks: buffer.channelPeaks))
            } catch MUSDBError.missingSource {
                return Stem(name: name, state: .missing)
            } catch {
                return Stem(name: name, state: .failed(error))
            }
        }
    }

    /// `musdb load`'s line for a loaded track: name, mixture shape, target count and the
    /// sum of every target sample (a checksum to compare runs).
    public static func loadLine(track: Track, mixture: AudioBuffer, targets: [String: AudioBuffer]) -> String {
        let sum = targets.values.reduce(0.0) { $0 + $1.channels.reduce(0.0) { $0 + $1.reduce(0, +) } }
        return "\(track.name)\t\(mixture.frameCount)x\(mixture.channelCount)\t\(targets.count) targets\t"
            + String(format: "sum %.6f", sum)
    }

    /// A peak level in dBFS, `  -inf dBFS` for silence.
    public static func dBFS(_ peak: Double) -> String {
        peak > 0 ? String(format: "%6.2f dBFS", 20 * log10(peak)) : "  -inf dBFS"
    }
}
