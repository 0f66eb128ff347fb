import Foundation

/// A generic dataset: `ROOT/<track>/<stem>.wav`, or the same under `ROOT/train/` and
/// `ROOT/test/` when those folders exist (they are then the subsets). Any stem names;
/// `mixture.wav` is the mixture when present, else the mixture is the sum of the stems.
/// Stems must have the mixture's (or the first stem's) rate, channels and length.
public struct FolderLayout: DatasetLayout {
    public var kind: DatasetKind { .folder }

    public init() {}

    public func list(root: URL) throws -> DatasetListing {
        let subsetFolders = Subset.allCases.filter { Database.isFolder(root.appendingPathComponent($0.rawValue)) }
        var listing = DatasetListing(problemsHaveSubsets: !subsetFolders.isEmpty)
        let groups: [(URL, Subset?)] =
            subsetFolders.isEmpty
            ? [(root, nil)] : subsetFolders.map { (root.appendingPathComponent($0.rawValue), $0) }
        for (folder, subset) in groups {
            let names: [String]
            do { names = try FolderListing.folders(in: folder) } catch {
                throw MUSDBError.notALayout(root, kind: kind, reason: error.localizedDescription)
            }
            for name in names {
                let trackFolder = folder.appendingPathComponent(name, isDirectory: true)
                let (mixture, stems): (URL?, [(name: String, files: [URL])])
                do { (mixture, stems) = try FolderListing.wavStems(in: trackFolder) } catch {
                    listing.problems.append(
                        TrackProblem(
                            subset: subset ?? .train, track: name, url: trackFolder, reason: error.localizedDescription)
                    )
                    continue
                }
                guard !stems.isEmpty || mixture != nil else { continue }
                let (artist, title) = Track.artistAndTitle(of: name)
                listing.tracks.append(
                    TrackEntry(
                        name: name, artist: artist, title: title, subset: subset,
                        path: mixture ?? trackFolder, mixture: mixture, stems: stems, fit: .exact))
            }
        }
        if listing.tracks.isEmpty, listing.problems.isEmpty {
            throw MUSDBError.notALayout(root, kind: kind, reason: "no track folder holds a .wav file")
        }
        return listing
    }
}
