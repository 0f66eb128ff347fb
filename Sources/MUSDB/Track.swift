import Audio
import Foundation

/// One track of a dataset (MUSDB18 or another layout, see `DatasetKind`): its files,
/// metadata and targets. Audio is read on demand
/// (`Track+Loading.swift`), never kept, so a `Database` of 150 tracks costs no memory.
///
/// Python musdb parity: `frameCount` and `duration` come from the file header as
/// `stempeg.Info` reports them (for `.stem.mp4` that is the AAC stream's `duration_ts`,
/// which can be a little shorter than what ffmpeg decodes), and `rate` is the file's rate
/// even when `sampleRate` asks for resampling on load.
public struct Track: Sendable, Equatable {
    /// `Artist - Title`.
    public var name: String
    /// The part of the name before the first ` - ` (nil without one).
    public var artist: String?
    /// The part after the first ` - ` up to the next one, as Python musdb splits it.
    public var title: String?
    /// The subset folder the track is in.
    public var subset: Subset
    /// The train/valid split of a training track (nil for test tracks).
    public var split: Split?
    /// True for the MUSDB18-HQ layout (a folder of WAVs), false for a `.stem.mp4`.
    public var isWav: Bool
    /// The mixture: `…/mixture.wav`, the `.stem.mp4` itself, or (when `mixtureIsSum`) the
    /// file that describes the track (MoisesDB's `data.json`, a generic track's folder).
    public var path: URL
    /// The files of each source present: one per source for MUSDB18 (the stem WAV, or the
    /// `.stem.mp4` for every source), several when a dataset splits a stem into parts or a
    /// stem mapping merges stems (summed on load).
    public var sourceFiles: [Source: [URL]]
    /// The track's sources in the dataset's order (MUSDB18: vocals, drums, bass, other).
    public var sourceOrder: [Source] = Source.allCases
    /// How stem files are fitted to the track; `.exact` is MUSDB18's contract.
    public var stemFit: StemFit = .exact
    /// True when the dataset has no mixture file: the mixture is the sum of the sources.
    public var mixtureIsSum = false
    /// The dataset layout the track was indexed from.
    public var dataset: DatasetKind = .musdb18
    /// The targets this track offers, in order.
    public var targets: [Target]
    /// The file's sample rate.
    public var rate: Int
    /// The number of frames in the mixture's header.
    public var frameCount: Int
    /// The duration in seconds, as ffprobe prints it (microsecond precision).
    public var duration: Double
    /// The channel count of the mixture.
    public var channelCount: Int
    /// Resample to this rate on load (libsamplerate, best quality); nil keeps `rate`.
    public var sampleRate: Int?
    /// Offset in seconds of the chunk `Track+Loading` reads (0: the beginning).
    public var chunkStart: Double = 0
    /// Length in seconds of the chunk read (nil: to the end).
    public var chunkDuration: Double?
    /// The probed streams of a `.stem.mp4` (saves an ffprobe run per load).
    public var stemInfo: StemFileInfo?
    /// Where the bytes of `path` and `sourceURLs` come from: files, or zip members (then
    /// those URLs are `archive.zip:member` names, opened through the archive).
    public var storage: TrackStorage = .folder

    /// The track name split as Python musdb does: `name.split(' - ')[0]` and `[1]`.
    static func artistAndTitle(of name: String) -> (String?, String?) {
        let parts = name.components(separatedBy: " - ")
        guard parts.count >= 2 else { return (nil, nil) }
        return (parts[0], parts[1])
    }

    /// The sources present for this track, in the dataset's order.
    public var sources: [Source] { sourceOrder.filter { !(sourceFiles[$0]?.isEmpty ?? true) } }

    /// The file of each source that is a single file (every source of a MUSDB18 track).
    public var sourceURLs: [Source: URL] { sourceFiles.compactMapValues { $0.count == 1 ? $0[0] : nil } }

    /// Every file the track's audio comes from, the mixture first, each once.
    public var files: [URL] {
        ([path] + sourceOrder.flatMap { sourceFiles[$0] ?? [] }).reduce(into: [URL]()) {
            if !$0.contains($1) { $0.append($1) }
        }
    }

    /// True when every source is one WAV of exactly the mixture's shape and nothing is
    /// resampled or chunked: what streamed reading of the references needs.
    public var readsStemsAsStored: Bool {
        isWav && stemFit == .exact && sampleRate == nil && chunkStart == 0 && chunkDuration == nil
            && sources.allSatisfy { sourceFiles[$0]?.count == 1 }
    }

    /// The target called `name`.
    public func target(named name: String) throws -> Target {
        guard let target = targets.first(where: { $0.name == name }) else { throw MUSDBError.unknownTarget(name) }
        return target
    }
}
