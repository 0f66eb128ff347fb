import Audio
import Foundation

extension Database {
    /// Indexes a dataset of any `DatasetKind` (reads headers; decodes no audio).
    ///
    /// MUSDB18 and MUSDB18-HQ are indexed exactly as `init(root:subsets:…)` does. The other
    /// kinds are listed by their `DatasetLayout`, their stems mapped by `mapping` (nil: the
    /// dataset's own stems; MoisesDB defaults to `StemMapping.moisesDB4`), and placed in
    /// train, valid or test by the dataset's subsets or, without them, by `splitting`.
    /// One bad track never stops indexing: it is a `TrackProblem`.
    ///
    /// - Parameters:
    ///   - subsets: which subsets to keep, in this order.
    ///   - split: with `subsets == [.train]` only: the training or the validation tracks.
    public init(
        kind: DatasetKind, root: URL? = nil, subsets: [Subset] = [.train, .test], split: Split? = nil,
        sampleRate: Int? = nil, mapping: StemMapping? = nil, splitting: SeededSplit = .standard
    ) throws {
        guard let layout = kind.layout else {
            try self.init(root: root, subsets: subsets, split: split, isWav: kind.isWav, sampleRate: sampleRate)
            return
        }
        if split != nil, subsets != [.train] { throw MUSDBError.splitNeedsTrainSubset }
        guard let root = root ?? ProcessInfo.processInfo.environment["MUSDB_PATH"].map({ URL(fileURLWithPath: $0) })
        else {
            throw MUSDBError.noRoot
        }
        guard Self.isFolder(root) else {
            guard FileManager.default.fileExists(atPath: root.path) else { throw MUSDBError.rootNotFound(root) }
            throw MUSDBError.notALayout(
                root, kind: kind, reason: "a zip is read in place for MUSDB18 and MUSDB18-HQ only; unzip it first")
        }
        let listing = try layout.list(root: root)
        let mapping = mapping ?? (kind == .moisesdb ? .moisesDB4 : nil)
        var bySubset = [Subset: [Track]]()
        var problems = [TrackProblem]()
        for entry in listing.tracks {
            let (subset, trackSplit) = splitting.subsetAndSplit(of: entry.name, official: entry.subset)
            guard subsets.contains(subset), split == nil || trackSplit == split else { continue }
            do {
                var track = try Self.makeTrack(entry, kind: kind, mapping: mapping, sampleRate: sampleRate)
                track.subset = subset
                track.split = subset == .train ? trackSplit : nil
                bySubset[subset, default: []].append(track)
            } catch {
                problems.append(TrackProblem(subset: subset, track: entry.name, fallbackURL: entry.path, error: error))
            }
        }
        for var problem in listing.problems {
            if !listing.problemsHaveSubsets, let name = problem.track {
                problem.subset = splitting.subsetAndSplit(of: name, official: nil).0
            }
            if subsets.contains(problem.subset) { problems.append(problem) }
        }
        let ordered = subsets.flatMap { subset in
            (bySubset[subset] ?? []).sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
        }
        self.init(
            root: root, kind: kind, sampleRate: sampleRate, tracks: ordered, problems: problems,
            manifest: Manifest(name: kind.rawValue, sampleRate: 0, channelCount: 0, tracks: []),
            stemMapping: mapping, splitting: splitting)
    }

    /// A track from a layout's entry: stems mapped, shape from the mixture's header (or,
    /// without a mixture, from the stems' headers), targets derived from the stems.
    static func makeTrack(
        _ entry: TrackEntry, kind: DatasetKind, mapping: StemMapping?, sampleRate: Int?
    ) throws -> Track {
        let files = Dictionary(entry.stems.map { ($0.name, $0.files) }, uniquingKeysWith: { $0 + $1 })
        let assigned = mapping?.assign(entry.stems.map(\.name)) ?? entry.stems.map { ($0.name, [$0.name]) }
        var sourceFiles = [Source: [URL]]()
        for (name, from) in assigned { sourceFiles[Source(name)] = from.flatMap { files[$0] ?? [] } }
        let order = assigned.map { Source($0.name) }
        let shape = try trackShape(entry, sourceFiles: order.compactMap { sourceFiles[$0] })
        try requireShape(name: entry.name, url: shape.url, rate: shape.rate, channels: shape.channels)
        let duration = (Double(shape.frames) / Double(shape.rate) * 1_000_000).rounded() / 1_000_000
        return Track(
            name: entry.name, artist: entry.artist, title: entry.title, subset: entry.subset ?? .train, split: nil,
            isWav: true, path: entry.path, sourceFiles: sourceFiles, sourceOrder: order, stemFit: entry.fit,
            mixtureIsSum: entry.mixture == nil, dataset: kind, targets: Target.derived(from: order),
            rate: shape.rate, frameCount: shape.frames, duration: duration, channelCount: shape.channels,
            sampleRate: sampleRate, stemInfo: nil)
    }

    /// The track's rate, channel count and length: the mixture's header; else, for exact
    /// stems, the first stem's; else (conformed parts) 44.1 kHz when any part has it (else
    /// the first part's rate), the most channels of any part, and the longest stem, each
    /// stem as long as its shortest part.
    private static func trackShape(_ entry: TrackEntry, sourceFiles: [[URL]]) throws -> (
        url: URL, rate: Int, channels: Int, frames: Int
    ) {
        if let mixture = entry.mixture {
            guard FileManager.default.fileExists(atPath: mixture.path) else {
                throw MUSDBError.missingMixture(track: entry.name, url: mixture)
            }
            let info = try AudioFile.info(of: mixture)
            return (mixture, info.sampleRate, info.channelCount, info.frameCount)
        }
        guard let first = sourceFiles.lazy.compactMap(\.first).first else {
            throw MUSDBError.missingMixture(track: entry.name, url: entry.path)
        }
        if entry.fit == .exact {
            let info = try AudioFile.info(of: first)
            return (first, info.sampleRate, info.channelCount, info.frameCount)
        }
        let headers = try sourceFiles.map { try $0.map { try AudioFile.info(of: $0) } }
        let all = headers.joined()
        let rate = all.contains { $0.sampleRate == 44100 } ? 44100 : all.first?.sampleRate ?? 0
        let channels = all.map(\.channelCount).max() ?? 0
        let frames =
            headers.map { parts in
                parts.map { Track.framesAtRate($0.frameCount, from: $0.sampleRate, to: rate) }.min() ?? 0
            }.max() ?? 0
        return (first, rate, channels, frames)
    }
}

extension Target {
    /// The targets of a track with `sources`: MUSDB18's six when they are MUSDB18's four;
    /// otherwise each source, `accompaniment` (every source but vocals, when there are
    /// vocals and something else) and `linear_mixture` (every source).
    public static func derived(from sources: [Source]) -> [Target] {
        if sources == Source.allCases { return standard }
        var targets = sources.map { Target(name: $0.rawValue, sources: [$0]) }
        let rest = sources.filter { $0 != .vocals }
        if sources.contains(.vocals), !rest.isEmpty { targets.append(Target(name: "accompaniment", sources: rest)) }
        if sources.count > 1 { targets.append(Target(name: "linear_mixture", sources: sources)) }
        return targets
    }
}
