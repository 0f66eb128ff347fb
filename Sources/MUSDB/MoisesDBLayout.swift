import Foundation

/// MoisesDB (Pereira et al. 2023): `ROOT/<provider>/<track id>/data.json`, and each part of
/// a stem at `ROOT/<provider>/<track id>/<stemName>/<part id>.<extension>`, as the
/// `moisesdb` package resolves them. `ROOT` may also be the provider folder itself.
///
/// `data.json` holds `artist`, `song`, `genre` and `stems`: a list of
/// `{"stemName": …, "tracks": [{"id": …, "extension": …, "trackType": …}, …]}`. There is no
/// mixture file and no official split; parts differ in length and may be mono, so tracks
/// are `.conformed` (see `StemFit`).
public struct MoisesDBLayout: DatasetLayout {
    public var kind: DatasetKind { .moisesdb }

    public init() {}

    public func list(root: URL) throws -> DatasetListing {
        let trackFolders: [URL]
        do {
            if try FolderListing.folders(in: root).contains(where: { Self.isTrack(root.appendingPathComponent($0)) }) {
                trackFolders = try FolderListing.folders(in: root).map { root.appendingPathComponent($0) }
            } else {
                trackFolders = try FolderListing.folders(in: root).flatMap { provider in
                    let folder = root.appendingPathComponent(provider)
                    return try FolderListing.folders(in: folder).map { folder.appendingPathComponent($0) }
                }
            }
        } catch {
            throw MUSDBError.notALayout(root, kind: kind, reason: error.localizedDescription)
        }
        var listing = DatasetListing(problemsHaveSubsets: false)
        for folder in trackFolders where Self.isTrack(folder) {
            let id = folder.lastPathComponent
            let description = folder.appendingPathComponent("data.json")
            do {
                listing.tracks.append(try Self.entry(id: id, folder: folder, description: description))
            } catch {
                // Without a split yet, the problem is filed under train (MoisesDB has no subsets).
                listing.problems.append(TrackProblem(subset: .train, track: id, fallbackURL: description, error: error))
            }
        }
        if listing.tracks.isEmpty, listing.problems.isEmpty {
            throw MUSDBError.notALayout(root, kind: kind, reason: "no <provider>/<track id>/data.json under it")
        }
        return listing
    }

    static func isTrack(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("data.json").path)
    }

    /// What `data.json` may hold that the track needs; unknown keys are ignored.
    private struct Description: Decodable {
        struct Stem: Decodable {
            struct Part: Decodable {
                var id: String
                var `extension`: String
            }
            var stemName: String
            var tracks: [Part]?
        }
        var artist: String?
        var song: String?
        var stems: [Stem]?
    }

    /// The track described by `description`: parts that exist, grouped by stem in the order
    /// `data.json` lists the stems (a stem listed twice keeps its first place).
    static func entry(id: String, folder: URL, description: URL) throws -> TrackEntry {
        let parsed: Description
        do { parsed = try JSONDecoder().decode(Description.self, from: Data(contentsOf: description)) } catch {
            throw MUSDBError.notALayout(
                description, kind: .moisesdb, reason: "data.json cannot be read: \(error.localizedDescription)")
        }
        var stems = [(name: String, files: [URL])]()
        for stem in parsed.stems ?? [] {
            let name = StemMapping.key(stem.stemName)
            guard !name.isEmpty, !name.contains("/"), !name.contains("..") else { continue }
            var files = [URL]()
            for part in stem.tracks ?? [] where !part.id.contains("/") && !part.extension.contains("/") {
                let url = folder.appendingPathComponent(stem.stemName).appendingPathComponent(
                    part.id + "." + part.extension)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw MUSDBError.missingSource(track: id, source: stem.stemName, url: url)
                }
                files.append(url)
            }
            guard !files.isEmpty else { continue }
            if let index = stems.firstIndex(where: { $0.name == name }) {
                stems[index].files += files
            } else {
                stems.append((name, files))
            }
        }
        guard !stems.isEmpty else {
            throw MUSDBError.notALayout(description, kind: .moisesdb, reason: "data.json lists no stem with a part")
        }
        return TrackEntry(
            name: id, artist: parsed.artist, title: parsed.song, subset: nil, path: description, mixture: nil,
            stems: stems, fit: .conformed)
    }
}
