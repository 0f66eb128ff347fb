import Audio
import FileOutput
import Foundation
import SeededRandom

/// A small synthetic dataset in the MUSDB18-HQ layout, written offline and deterministically.
///
/// Every track has four distinguishable sources: a pitched "vocal" line with vibrato and
/// short pauses, drums (kick, noise snare, hi-hats), a low bass line and chordal "other",
/// each panned differently. Stems are quantised to 16 bits first and the mixture is their
/// exact integer sum, so `mixture == vocals + drums + bass + other` holds sample for sample;
/// a headroom scale keeps the mixture from clipping. All randomness comes from
/// `SplitMix64` and all oscillators from `PortableMath`, so the files are byte-identical
/// on every machine. Every source is audible in every 1-second frame (vocal pauses are
/// shorter than a second), so framewise BSS Eval scores are defined everywhere.
public struct SampleDataset: Sendable {
    /// Tracks in `train/`.
    public var trainTrackCount: Int
    /// Tracks in `test/`.
    public var testTrackCount: Int
    /// Length of every track in seconds.
    public var seconds: Double
    /// The seed of all random choices.
    public var seed: UInt64
    /// Frames per second.
    public var sampleRate: Int

    public init(
        trainTrackCount: Int = 4, testTrackCount: Int = 2, seconds: Double = 10, seed: UInt64 = 2018,
        sampleRate: Int = 44100
    ) {
        self.trainTrackCount = trainTrackCount
        self.testTrackCount = testTrackCount
        self.seconds = seconds
        self.seed = seed
        self.sampleRate = sampleRate
    }

    /// Frames per track.
    public var frameCount: Int { Int((seconds * Double(sampleRate)).rounded()) }

    /// The track names with their subsets: train tracks first, then test tracks.
    public var trackNames: [(subset: Subset, name: String)] {
        let artists = [
            "Aurora Lane", "Basalt & Brine", "Copper Kites", "Delta O'Neil", "Ember Vale", "Fjord Lights",
            "Glass Harbour", "Halcyon Drift", "Ivory & Ash", "Juniper's Keep", "Kite Mountain", "Lumen Sail"
        ]
        let titles = [
            "Night Train", "Paper Moons", "Salt (Reprise)", "Low Tide", "Wires", "Golden Hour",
            "Small Rooms", "Ninety Nine", "St. Elmo", "Afterglow", "Cold Fire", "Open Water"
        ]
        var generator = SplitMix64(seed: seed)
        // Artists in a fixed order, so even a small sample has names with `&` and `'`.
        let shuffledArtists = artists
        let shuffledTitles = Self.shuffled(titles, &generator)
        let total = trainTrackCount + testTrackCount
        return (0..<total).map { index in
            var name = "\(shuffledArtists[index % artists.count]) - \(shuffledTitles[index % titles.count])"
            if index >= artists.count { name += " \(index / artists.count + 1)" }
            return (index < trainTrackCount ? .train : .test, name)
        }
    }

    /// The manifest describing the dataset `write(to:)` produces.
    public var manifest: Manifest {
        let tracks = trackNames.map { entry in
            ManifestTrack(
                name: entry.name, subset: entry.subset, split: entry.subset == .train ? .train : nil,
                genre: "Synthetic", source: "musdb sample", license: "CC0",
                seconds: entry.subset == .test ? frameCount / sampleRate : nil)
        }.sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
        return Manifest(name: "MUSDB18 synthetic sample", sampleRate: sampleRate, channelCount: 2, tracks: tracks)
    }

    /// Writes the dataset under `root` (created if needed): `root/{train,test}/<name>/*.wav`
    /// (16-bit stereo) and `root/manifest.json`. Refuses to write into an existing dataset.
    /// - Parameter progress: called with a line per track written.
    public func write(to root: URL, progress: ((String) -> Void)? = nil) throws {
        for subset in Subset.allCases where Database.isFolder(root.appendingPathComponent(subset.rawValue)) {
            throw MUSDBError.writeFailed(
                root,
                reason: "it already holds a \(subset.rawValue) folder; "
                    + "choose a new or empty folder (datasets are never modified)")
        }
        for (index, entry) in trackNames.enumerated() {
            let folder = root.appendingPathComponent(entry.subset.rawValue).appendingPathComponent(
                entry.name, isDirectory: true)
            do {
                try OutputFolder.create(folder)
            } catch let error as FileOutputError {
                throw MUSDBError.writeFailed(URL(fileURLWithPath: error.path), reason: error.reason.description)
            }
            let stems = synthesizeTrack(index)
            var mixture = [Int32](repeating: 0, count: stems[.vocals]!.count)
            for source in Source.allCases {
                let samples = stems[source]!
                for i in 0..<samples.count { mixture[i] += Int32(samples[i]) }
                try Self.writePCM16(
                    samples.map(Int32.init), to: folder.appendingPathComponent(source.fileName),
                    sampleRate: sampleRate)
            }
            try Self.writePCM16(mixture, to: folder.appendingPathComponent("mixture.wav"), sampleRate: sampleRate)
            progress?("[\(index + 1)/\(trackNames.count)] \(entry.subset.rawValue)/\(entry.name)")
        }
        let manifestURL = root.appendingPathComponent("manifest.json")
        do {
            try AtomicFile.write(manifest.jsonData(), to: manifestURL)
        } catch let error as FileOutputError {
            throw MUSDBError.writeFailed(manifestURL, reason: error.reason.description)
        }
    }

    /// Writes interleaved stereo 16-bit codes (k/32768 is written back as exactly k).
    static func writePCM16(_ codes: [Int32], to url: URL, sampleRate: Int) throws {
        precondition(codes.allSatisfy { $0 >= -32768 && $0 <= 32767 }, "sample dataset: \(url.lastPathComponent) clips")
        try AudioFile.writeInterleaved(
            codes.map { Double($0) / 32768 }, sampleRate: sampleRate, channelCount: 2,
            to: url, format: .wav16)
    }
}
