import Audio
import Foundation

/// A MUSDB18 (stems) or MUSDB18-HQ (WAV folders) dataset on disk, indexed the way Python
/// `musdb.DB` 0.4.3 indexes it: subsets in the order given, tracks in code-point order of
/// their names, the train subset optionally split into `train` and `valid`.
public struct Database: Sendable {
    /// The dataset root (holds `train/` and `test/`).
    public var root: URL
    /// True for the MUSDB18-HQ layout.
    public var isWav: Bool
    /// The resampling rate applied on load, if any.
    public var sampleRate: Int?
    /// The tracks, in Python musdb's order.
    public var tracks: [Track]
    /// The manifest used for the train/valid split.
    public var manifest: Manifest

    /// Indexes the dataset (reads file headers; decodes no audio).
    ///
    /// - Parameters:
    ///   - root: the dataset root; nil reads the `MUSDB_PATH` environment variable.
    ///   - subsets: which subset folders to list, in this order.
    ///   - split: with `subsets == [.train]` only: the training or the validation tracks.
    ///   - isWav: the MUSDB18-HQ layout (`ROOT/subset/<name>/*.wav`) instead of `.stem.mp4`.
    ///   - sampleRate: resample audio to this rate on load.
    ///   - targets: the targets each track offers (Python's six by default).
    ///   - manifest: where the validation track names come from (the built-in MUSDB18 one).
    /// - Throws: `MUSDBError` for a missing root or a bad split; `AudioError` for an
    ///   unreadable mixture header, naming the file.
    public init(root: URL? = nil, subsets: [Subset] = [.train, .test], split: Split? = nil,
                isWav: Bool = false, sampleRate: Int? = nil, targets: [Target] = Target.standard,
                manifest: Manifest = .musdb18) throws {
        if split != nil, subsets != [.train] { throw MUSDBError.splitNeedsTrainSubset }
        guard let root = root ?? ProcessInfo.processInfo.environment["MUSDB_PATH"].map({ URL(fileURLWithPath: $0) }) else {
            throw MUSDBError.noRoot
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MUSDBError.rootNotFound(root)
        }
        guard Subset.allCases.contains(where: { Self.isFolder(root.appendingPathComponent($0.rawValue)) }) else {
            throw MUSDBError.notADatasetRoot(root)
        }
        self.root = root
        self.isWav = isWav
        self.sampleRate = sampleRate
        self.manifest = manifest
        let validation = manifest.validationTrackNames
        var tracks = [Track]()
        for subset in subsets {
            for name in try Self.trackNames(in: root.appendingPathComponent(subset.rawValue), isWav: isWav) {
                let trackSplit: Split? = subset == .train ? (validation.contains(name) ? .valid : .train) : nil
                if let split, trackSplit != split { continue }
                tracks.append(try Self.makeTrack(name: name, subset: subset, split: trackSplit, root: root,
                                                 isWav: isWav, sampleRate: sampleRate, targets: targets))
            }
        }
        self.tracks = tracks
    }

    /// The track called `name`.
    public func track(named name: String) throws -> Track {
        guard let track = tracks.first(where: { $0.name == name }) else { throw MUSDBError.unknownTrack(name) }
        return track
    }

    /// The track names in a subset folder, sorted by code point like Python's `sorted()`.
    /// A missing subset folder has no tracks (as with Python's `os.walk`).
    static func trackNames(in folder: URL, isWav: Bool) throws -> [String] {
        guard isFolder(folder) else { return [] }
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let names: [String]
        if isWav {
            names = entries.filter { isFolder(folder.appendingPathComponent($0)) }
        } else {
            names = entries.filter { $0.hasSuffix(".stem.mp4") && !isFolder(folder.appendingPathComponent($0)) }
                .map { String($0.dropLast(".stem.mp4".count)) }
        }
        return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func makeTrack(name: String, subset: Subset, split: Split?, root: URL, isWav: Bool,
                          sampleRate: Int?, targets: [Target]) throws -> Track {
        let (artist, title) = Track.artistAndTitle(of: name)
        let subsetFolder = root.appendingPathComponent(subset.rawValue)
        if isWav {
            let folder = subsetFolder.appendingPathComponent(name, isDirectory: true)
            let mixture = folder.appendingPathComponent("mixture.wav")
            guard FileManager.default.fileExists(atPath: mixture.path) else {
                throw MUSDBError.missingMixture(track: name, url: mixture)
            }
            let info = try AudioFile.info(of: mixture)
            var sources = [Source: URL]()
            for source in Source.allCases {
                let url = folder.appendingPathComponent(source.fileName)
                if FileManager.default.fileExists(atPath: url.path) { sources[source] = url }
            }
            // ffprobe prints durations with microsecond precision; Python musdb parses that.
            let duration = (info.duration * 1_000_000).rounded() / 1_000_000
            return Track(name: name, artist: artist, title: title, subset: subset, split: split, isWav: true,
                         path: mixture, sourceURLs: sources, targets: targets, rate: info.sampleRate,
                         frameCount: info.frameCount, duration: duration, channelCount: info.channelCount,
                         sampleRate: sampleRate, stemInfo: nil)
        }
        let url = subsetFolder.appendingPathComponent(name + ".stem.mp4")
        let info = try StemFile(url: url).info()
        let mixture = info.streams.first { $0.index == 0 } ?? info.audioStreams[0]
        var sources = [Source: URL]()
        for source in Source.allCases where info.streams.contains(where: { $0.index == source.streamIndex && $0.isAudio }) {
            sources[source] = url
        }
        return Track(name: name, artist: artist, title: title, subset: subset, split: split, isWav: false,
                     path: url, sourceURLs: sources, targets: targets, rate: mixture.sampleRate,
                     frameCount: mixture.durationTimestamps, duration: mixture.duration,
                     channelCount: mixture.channelCount, sampleRate: sampleRate, stemInfo: info)
    }
}
