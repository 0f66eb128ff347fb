import Foundation

/// A method's results folder as museval writes it: `OUT/<subset>/<track>.json`.
///
/// The folder may hold subset folders (`test/`, `train/`, or any other name, one level deep)
/// and/or the `.json` files directly; hidden files (such as our temporary files) are ignored.
/// museval's own `add_eval_dir` reads only `test/**/*.json`; pass `subsets: ["test"]` for that.
public struct ResultsFolder: Hashable, Sendable {
    /// The folder given by the user.
    public var url: URL
    /// The method name: the folder's last component, or its parent's when the folder itself is
    /// a subset folder (`/x/IRM2/test` → IRM2). (museval uses `Path.stem`, which also drops a
    /// dotted suffix: `/x/model.v2` → `model`; we keep the whole name.)
    public var name: String
    /// Only these subset folders are read (nil: all of them, and files directly in the folder).
    public var subsets: Set<String>?

    /// Subset folder names that make the parent folder the method name.
    public static let subsetNames: Set<String> = ["test", "train", "valid", "validation"]

    public init(url: URL, name: String? = nil, subsets: Set<String>? = nil) {
        let standardized = url.standardizedFileURL
        self.url = standardized
        self.subsets = subsets
        if let name {
            self.name = name
        } else {
            let last = standardized.lastPathComponent
            self.name =
                Self.subsetNames.contains(last)
                ? standardized.deletingLastPathComponent().lastPathComponent : last
        }
    }

    /// The score files, sorted: files directly in the folder first, then each subset folder's.
    /// With `subsets`, direct files count only when the folder itself is such a subset folder
    /// or has no subfolders.
    public func scoreFiles() throws -> [URL] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ScoresFileError.unreadable(path: url.path, reason: "no such folder")
        }
        func entries(of folder: URL) throws -> [URL] {
            do {
                return try manager.contentsOfDirectory(atPath: folder.path)
                    .filter { !$0.hasPrefix(".") }
                    .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                    .map { folder.appendingPathComponent($0) }
            } catch {
                throw ScoresFileError.unreadable(path: folder.path, reason: error.localizedDescription)
            }
        }
        func isJSON(_ file: URL) -> Bool {
            var folder: ObjCBool = false
            return file.pathExtension.lowercased() == "json"
                && manager.fileExists(atPath: file.path, isDirectory: &folder) && !folder.boolValue
        }
        var files: [URL] = []
        var subfolders: [URL] = []
        for entry in try entries(of: url) {
            var folder: ObjCBool = false
            if manager.fileExists(atPath: entry.path, isDirectory: &folder), folder.boolValue {
                subfolders.append(entry)
            } else if isJSON(entry) {
                files.append(entry)
            }
        }
        // Restricted to subsets, the direct files count when the folder is such a subset
        // folder itself, or when it holds no subfolder at all (a flat folder of score files,
        // whose subset is unknown).
        if let subsets, !subsets.contains(url.lastPathComponent), !subfolders.isEmpty { files = [] }
        for folder in subfolders where subsets?.contains(folder.lastPathComponent) ?? true {
            files += try entries(of: folder).filter(isJSON)
        }
        return files
    }

    /// Reads every score file, several at a time. Files that cannot be read or decoded are
    /// left out and returned as `failures`, so one bad file does not hide the others' scores.
    /// A folder without score files is a failure too.
    public func load() async -> (scores: MethodScores, failures: [ScoresFileError]) {
        let files: [URL]
        do {
            files = try scoreFiles()
        } catch let error as ScoresFileError {
            return (MethodScores(name: name, tracks: []), [error])
        } catch {
            return (MethodScores(name: name, tracks: []), [.unreadable(path: url.path, reason: "\(error)")])
        }
        guard !files.isEmpty else { return (MethodScores(name: name, tracks: []), [.noScoreFiles(folder: url.path)]) }

        let results = await Self.read(files)
        var tracks: [TrackScores] = []
        var failures: [ScoresFileError] = []
        for (file, result) in zip(files, results) {
            switch result {
            case .success(var track):
                track.subset = subset(of: file)
                // A broken sidecar is reported; the museval scores beside it are still used.
                do {
                    if let global = try TrackGlobalScores.read(besideScoreFile: file), global.describes(track) {
                        track.global = global
                    }
                } catch let error as ScoresFileError {
                    failures.append(error)
                } catch {
                    failures.append(.unreadable(path: TrackGlobalScores.url(for: file).path, reason: "\(error)"))
                }
                tracks.append(track)
            case .failure(let error): failures.append(error)
            }
        }
        return (MethodScores(name: name, tracks: tracks), failures)
    }

    /// The subset of a score file: its folder's name, or for a file directly in this folder,
    /// this folder's name when it is a subset folder (nil otherwise: subset unknown).
    func subset(of file: URL) -> String? {
        let folder = file.deletingLastPathComponent().standardizedFileURL
        if folder.path != url.path { return folder.lastPathComponent }
        return Self.subsetNames.contains(url.lastPathComponent) ? url.lastPathComponent : nil
    }

    /// Parses `files` in parallel, in batches (one task per core), results in file order.
    static func read(_ files: [URL]) async -> [Result<TrackScores, ScoresFileError>] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        return await withTaskGroup(of: [(Int, Result<TrackScores, ScoresFileError>)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    stride(from: worker, to: files.count, by: workers).map { index in
                        (
                            index,
                            Result { () throws(ScoresFileError) -> TrackScores in
                                do { return try TrackScores(contentsOf: files[index]) } catch let error
                                    as ScoresFileError
                                {
                                    throw error
                                } catch {
                                    throw ScoresFileError.unreadable(path: files[index].path, reason: "\(error)")
                                }
                            }
                        )
                    }
                }
            }
            var ordered = [Result<TrackScores, ScoresFileError>?](repeating: nil, count: files.count)
            for await batch in group {
                for (index, result) in batch { ordered[index] = result }
            }
            return ordered.map { $0! }
        }
    }
}
