import Foundation

/// DSD100 (SiSEC 2016): `ROOT/Mixtures/{Dev,Test}/<track>/mixture.wav` and
/// `ROOT/Sources/{Dev,Test}/<track>/{bass,drums,other,vocals}.wav`, 44.1 kHz stereo, the
/// stems exactly the mixture's length. Dev is the train subset, Test the test subset; the
/// 100 tracks are MUSDB18's tracks from DSD.
public struct DSD100Layout: DatasetLayout {
    public var kind: DatasetKind { .dsd100 }

    public init() {}

    static let subsetFolders: [(folder: String, subset: Subset)] = [("Dev", .train), ("Test", .test)]

    public func list(root: URL) throws -> DatasetListing {
        let mixtures = root.appendingPathComponent("Mixtures"), sources = root.appendingPathComponent("Sources")
        guard Database.isFolder(mixtures) || Database.isFolder(sources) else {
            throw MUSDBError.notALayout(root, kind: kind, reason: "it has neither Mixtures/ nor Sources/")
        }
        var listing = DatasetListing()
        for (folder, subset) in Self.subsetFolders {
            let mixtureFolder = mixtures.appendingPathComponent(folder)
            guard Database.isFolder(mixtureFolder) else { continue }
            let names: [String]
            do { names = try FolderListing.folders(in: mixtureFolder) } catch {
                listing.problems.append(
                    TrackProblem(subset: subset, track: nil, url: mixtureFolder, reason: error.localizedDescription))
                continue
            }
            for name in names {
                let mixture = mixtureFolder.appendingPathComponent(name).appendingPathComponent("mixture.wav")
                let stemFolder = sources.appendingPathComponent(folder).appendingPathComponent(name)
                // All four, a missing one with no file: loading it is then `missingSource`.
                let stems = Source.allCases.map { source -> (name: String, files: [URL]) in
                    let url = stemFolder.appendingPathComponent(source.fileName)
                    return (source.rawValue, FileManager.default.fileExists(atPath: url.path) ? [url] : [])
                }
                let (artist, title) = Track.artistAndTitle(of: name)
                listing.tracks.append(
                    TrackEntry(
                        name: name, artist: artist, title: title, subset: subset, path: mixture, mixture: mixture,
                        stems: stems, fit: .exact))
            }
        }
        return listing
    }
}
