import Foundation

/// How one kind of dataset lays out its tracks on disk: where each track's mixture and
/// stems are, and the subset a track is in when the dataset has official ones.
///
/// A layout only lists; `Database(kind:…)` turns the listing into `Track`s (headers read,
/// stem mapping and split applied), so every kind is loaded, verified, augmented and scored
/// by the same code.
public protocol DatasetLayout: Sendable {
    /// The kind this layout reads.
    var kind: DatasetKind { get }

    /// The tracks under `root`, in any order, and the entries that cannot be tracks.
    ///
    /// - Throws: `MUSDBError.notALayout` when `root` is not this layout at all.
    func list(root: URL) throws -> DatasetListing
}

/// What a `DatasetLayout` found under a root.
public struct DatasetListing: Sendable {
    public var tracks: [TrackEntry]
    public var problems: [TrackProblem]
    /// False when the dataset has no subsets: the problems' subsets are then placeholders,
    /// and the split places each problem track as it would place the track.
    public var problemsHaveSubsets: Bool

    public init(tracks: [TrackEntry] = [], problems: [TrackProblem] = [], problemsHaveSubsets: Bool = true) {
        self.tracks = tracks
        self.problems = problems
        self.problemsHaveSubsets = problemsHaveSubsets
    }
}

/// One track as a layout lists it, before any file is read.
public struct TrackEntry: Sendable {
    /// The name the track is known by (its folder name, a MoisesDB track id).
    public var name: String
    public var artist: String?
    public var title: String?
    /// The dataset's own subset, nil when it has none (the seeded split places the track).
    public var subset: Subset?
    /// The file that stands for the track: its mixture, or its description when it has none.
    public var path: URL
    /// The mixture file; nil when the mixture is the sum of the stems.
    public var mixture: URL?
    /// The dataset's stems in its order, each with its files (parts are summed).
    public var stems: [(name: String, files: [URL])]
    /// How the stem files fit the track.
    public var fit: StemFit

    public init(
        name: String, artist: String? = nil, title: String? = nil, subset: Subset?, path: URL, mixture: URL?,
        stems: [(name: String, files: [URL])], fit: StemFit
    ) {
        self.name = name
        self.artist = artist
        self.title = title
        self.subset = subset
        self.path = path
        self.mixture = mixture
        self.stems = stems
        self.fit = fit
    }
}

extension DatasetKind {
    /// The layout that lists this kind (MUSDB18's two are `Database`'s own indexing).
    public var layout: DatasetLayout? {
        switch self {
        case .musdb18, .musdb18hq: return nil
        case .dsd100: return DSD100Layout()
        case .moisesdb: return MoisesDBLayout()
        case .folder: return FolderLayout()
        }
    }
}

/// Folder listing shared by the layouts: entries sorted by code point, hidden ones skipped.
enum FolderListing {
    static func entries(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    static func folders(in folder: URL) throws -> [String] {
        try entries(of: folder).filter { Database.isFolder(folder.appendingPathComponent($0)) }
    }

    /// The `<stem>.wav` files of a track folder (any case of `.wav`), `mixture` apart.
    static func wavStems(in folder: URL) throws -> (mixture: URL?, stems: [(name: String, files: [URL])]) {
        var mixture: URL?
        var stems = [(name: String, files: [URL])]()
        for entry in try entries(of: folder) where entry.lowercased().hasSuffix(".wav") {
            let url = folder.appendingPathComponent(entry)
            guard !Database.isFolder(url) else { continue }
            let stem = String(entry.dropLast(4))
            if stem == "mixture" { mixture = url } else { stems.append((stem, [url])) }
        }
        return (mixture, stems)
    }
}
