import Audio
import Foundation

/// A MUSDB18 (stems) or MUSDB18-HQ (WAV folders) dataset on disk, indexed the way Python
/// `musdb.DB` 0.4.3 indexes it: subsets in the order given, tracks in code-point order of
/// their names, the train subset optionally split into `train` and `valid`.
public struct Database: Sendable {
    /// The dataset root (holds `train/` and `test/` for MUSDB18): a folder, or a MUSDB18 zip
    /// read in place.
    public var root: URL
    /// The layout the dataset was indexed as.
    public var kind: DatasetKind
    /// Where the tracks' bytes come from (the folder, or the zip with its listing).
    public var storage: TrackStorage
    /// True for the layouts of WAV files (MUSDB18-HQ and every kind but MUSDB18).
    public var isWav: Bool
    /// The resampling rate applied on load, if any.
    public var sampleRate: Int?
    /// The tracks, in Python musdb's order.
    public var tracks: [Track]
    /// The entries that could not be indexed (a missing, empty or unreadable mixture, a
    /// folder that links back to its subset folder or an ancestor, a subset folder that
    /// cannot be listed), in the order met; none of them is in `tracks`.
    public var problems: [TrackProblem]
    /// The manifest used for the train/valid split.
    public var manifest: Manifest
    /// The stem mapping applied (datasets other than MUSDB18; nil: the dataset's own stems).
    public var stemMapping: StemMapping?
    /// The split applied to tracks without an official one (datasets other than MUSDB18).
    public var splitting: SeededSplit = .standard

    /// Indexes the dataset (reads file headers; decodes no audio).
    ///
    /// One bad track never stops indexing: it is recorded in `problems` with its file and
    /// reason and left out of `tracks`, and the other tracks are indexed.
    ///
    /// - Parameters:
    ///   - root: the dataset root; nil reads the `MUSDB_PATH` environment variable. A
    ///     regular file is read as a zip archive (`musdb18hq.zip`, `musdb18.zip`) whose
    ///     `train/` and `test/` are at the top or inside one top-level folder; the archive is
    ///     never extracted or written.
    ///   - subsets: which subset folders to list, in this order.
    ///   - split: with `subsets == [.train]` only: the training or the validation tracks.
    ///   - isWav: the MUSDB18-HQ layout (`ROOT/subset/<name>/*.wav`) instead of `.stem.mp4`.
    ///   - sampleRate: resample audio to this rate on load.
    ///   - targets: the targets each track offers (Python's six by default).
    ///   - manifest: where the validation track names come from (the built-in MUSDB18 one).
    /// - Throws: `MUSDBError` when the root itself is unusable (none given, not found, not a
    ///   dataset) or for a bad split; `ArchiveError.notAnArchive` for a file that is not a
    ///   readable zip; `AudioError.ffmpegMissing` when `.stem.mp4` headers
    ///   cannot be probed at all.
    public init(
        root: URL? = nil, subsets: [Subset] = [.train, .test], split: Split? = nil,
        isWav: Bool = false, sampleRate: Int? = nil, targets: [Target] = Target.standard,
        manifest: Manifest = .musdb18
    ) throws {
        if split != nil, subsets != [.train] { throw MUSDBError.splitNeedsTrainSubset }
        guard let root = root ?? ProcessInfo.processInfo.environment["MUSDB_PATH"].map({ URL(fileURLWithPath: $0) })
        else {
            throw MUSDBError.noRoot
        }
        let storage = try Self.storage(of: root)
        self.root = root
        self.kind = isWav ? .musdb18hq : .musdb18
        self.storage = storage
        self.isWav = isWav
        self.sampleRate = sampleRate
        self.manifest = manifest
        let validation = manifest.validationTrackNames
        func selected(_ name: String, in subset: Subset) -> (Bool, Split?) {
            let trackSplit: Split? = subset == .train ? (validation.contains(name) ? .valid : .train) : nil
            return (split == nil || trackSplit == split, trackSplit)
        }
        var tracks = [Track]()
        var problems = [TrackProblem]()
        for subset in subsets {
            let listing = Self.listTracks(subset: subset, root: root, isWav: isWav, storage: storage)
            problems += listing.problems.filter { problem in problem.track.map { selected($0, in: subset).0 } ?? true }
            for name in listing.names {
                let (isSelected, trackSplit) = selected(name, in: subset)
                guard isSelected else { continue }
                do {
                    tracks.append(
                        try Self.makeTrack(
                            name: name, subset: subset, split: trackSplit, root: root,
                            isWav: isWav, sampleRate: sampleRate, targets: targets, storage: storage))
                } catch {
                    // Without ffprobe no stem file can be indexed: that is the machine's fault.
                    if case AudioError.ffmpegMissing? = error as? AudioError { throw error }
                    let url = Self.trackURL(name: name, subset: subset, root: root, isWav: isWav, storage: storage)
                    problems.append(TrackProblem(subset: subset, track: name, fallbackURL: url, error: error))
                }
            }
        }
        self.tracks = tracks
        self.problems = problems
    }

    /// A database of tracks indexed elsewhere (`init(kind:…)`).
    init(
        root: URL, kind: DatasetKind, sampleRate: Int?, tracks: [Track], problems: [TrackProblem],
        manifest: Manifest, stemMapping: StemMapping?, splitting: SeededSplit
    ) {
        self.stemMapping = stemMapping
        self.splitting = splitting
        self.storage = .folder
        self.root = root
        self.kind = kind
        self.isWav = kind.isWav
        self.sampleRate = sampleRate
        self.tracks = tracks
        self.problems = problems
        self.manifest = manifest
    }

    /// The track called `name`.
    ///
    /// - Throws: the track's `TrackProblem` when it could not be indexed, else
    ///   `MUSDBError.unknownTrack`.
    public func track(named name: String) throws -> Track {
        if let track = tracks.first(where: { $0.name == name }) { return track }
        if let problem = problems.first(where: { $0.track == name }) { throw problem }
        throw MUSDBError.unknownTrack(name)
    }

    /// What `root` is: a folder with `train/` or `test/`, or a zip archive (any regular file).
    ///
    /// - Throws: `MUSDBError.rootNotFound`, `MUSDBError.notADatasetRoot`, or the
    ///   `ArchiveError` of a file that is not a readable zip.
    static func storage(of root: URL) throws -> TrackStorage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw MUSDBError.rootNotFound(root)
        }
        guard isDirectory.boolValue else { return .zip(try ZipDataset(url: root)) }
        guard Subset.allCases.contains(where: { Self.isFolder(root.appendingPathComponent($0.rawValue)) }) else {
            throw MUSDBError.notADatasetRoot(root)
        }
        return .folder
    }

    /// The track names of a subset and the entries that cannot be tracks, from the folder
    /// (`listTracks(in:subset:isWav:)`) or the zip's member listing.
    static func listTracks(subset: Subset, root: URL, isWav: Bool, storage: TrackStorage)
        -> (names: [String], problems: [TrackProblem])
    {
        switch storage {
        case .folder: return listTracks(in: root.appendingPathComponent(subset.rawValue), subset: subset, isWav: isWav)
        case let .zip(zip): return (zip.listTracks(subset: subset, isWav: isWav), [])
        }
    }

    /// The track names in a subset folder, sorted by code point like Python's `sorted()`,
    /// and the entries that cannot be tracks: a folder that is a link back to the subset
    /// folder or one of its ancestors (`test/loop -> .`, which would otherwise be walked
    /// forever), or the folder itself when it cannot be listed. A missing subset folder
    /// has no tracks (as with Python's `os.walk`).
    static func listTracks(in folder: URL, subset: Subset, isWav: Bool) -> (names: [String], problems: [TrackProblem]) {
        guard isFolder(folder) else { return ([], []) }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
            return ([], [TrackProblem(subset: subset, track: nil, url: folder, reason: error.localizedDescription)])
        }
        var names = [String](), problems = [TrackProblem]()
        for entry in entries.sorted(by: { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }) {
            let url = folder.appendingPathComponent(entry)
            if isWav {
                guard isFolder(url) else { continue }
                if folder.lies(within: url) {
                    problems.append(
                        TrackProblem(
                            subset: subset, track: entry, url: url,
                            reason:
                                "the folder links back to \(url.resolvingSymlinksInPath().path), which holds it (a symlink loop)"
                        ))
                    continue
                }
                names.append(entry)
            } else if entry.hasSuffix(".stem.mp4"), !isFolder(url) {
                names.append(String(entry.dropLast(".stem.mp4".count)))
            }
        }
        return (names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }, problems)
    }

    /// The file that stands for track `name`: its mixture WAV or its `.stem.mp4`.
    static func trackURL(name: String, subset: Subset, root: URL, isWav: Bool, storage: TrackStorage = .folder) -> URL {
        if case .zip = storage {
            return storage.url(
                isWav ? "\(subset.rawValue)/\(name)/mixture.wav" : "\(subset.rawValue)/\(name).stem.mp4", root: root)
        }
        let subsetFolder = root.appendingPathComponent(subset.rawValue)
        return isWav
            ? subsetFolder.appendingPathComponent(name, isDirectory: true).appendingPathComponent("mixture.wav")
            : subsetFolder.appendingPathComponent(name + ".stem.mp4")
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func makeTrack(
        name: String, subset: Subset, split: Split?, root: URL, isWav: Bool,
        sampleRate: Int?, targets: [Target], storage: TrackStorage = .folder
    ) throws -> Track {
        let (artist, title) = Track.artistAndTitle(of: name)
        if isWav {
            let mixture = trackURL(name: name, subset: subset, root: root, isWav: true, storage: storage)
            guard storage.exists(mixture) else {
                throw MUSDBError.missingMixture(track: name, url: mixture)
            }
            let info = try storage.audioInfo(mixture)
            var sources = [Source: [URL]]()
            for source in Source.allCases {
                let url = storage.url("\(subset.rawValue)/\(name)/\(source.fileName)", root: root)
                if storage.exists(url) { sources[source] = [url] }
            }
            try requireShape(name: name, url: mixture, rate: info.sampleRate, channels: info.channelCount)
            // ffprobe prints durations with microsecond precision; Python musdb parses that.
            let duration = (info.duration * 1_000_000).rounded() / 1_000_000
            return Track(
                name: name, artist: artist, title: title, subset: subset, split: split, isWav: true,
                path: mixture, sourceFiles: sources, dataset: .musdb18hq, targets: targets, rate: info.sampleRate,
                frameCount: info.frameCount, duration: duration, channelCount: info.channelCount,
                sampleRate: sampleRate, stemInfo: nil, storage: storage)
        }
        let url = trackURL(name: name, subset: subset, root: root, isWav: false, storage: storage)
        let info = try storage.stemFile(url).info()
        guard let mixture = info.streams.first(where: { $0.index == 0 && $0.isAudio }) ?? info.audioStreams.first else {
            throw AudioError.notAnAudioFile(url, reason: "ffprobe finds no audio stream")
        }
        try requireShape(name: name, url: url, rate: mixture.sampleRate, channels: mixture.channelCount)
        var sources = [Source: [URL]]()
        for source in Source.allCases
        where info.streams.contains(where: { $0.index == source.streamIndex && $0.isAudio }) {
            sources[source] = [url]
        }
        return Track(
            name: name, artist: artist, title: title, subset: subset, split: split, isWav: false,
            path: url, sourceFiles: sources, targets: targets, rate: mixture.sampleRate,
            frameCount: mixture.durationTimestamps, duration: mixture.duration,
            channelCount: mixture.channelCount, sampleRate: sampleRate, stemInfo: info, storage: storage)
    }

    /// A mixture header without a positive rate and channel count cannot anchor a track
    /// (every frame and duration computation divides by or allocates with them).
    static func requireShape(name: String, url: URL, rate: Int, channels: Int) throws {
        guard rate > 0, channels > 0 else {
            throw MUSDBError.invalidStem(
                track: name, stem: "mixture", url: url,
                fault: .unreadable("its header reports \(rate) Hz and \(channels) channels"))
        }
    }
}
