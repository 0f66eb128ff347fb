import Foundation

/// Guards the promise never to write inside a dataset.
public enum OutputLocation {
    /// Throws `EvaluationError.outputInsideDataset` when `output` is `datasetRoot` or inside
    /// it. Both paths are compared after resolving symbolic links and `..`, component by
    /// component (so `/data/musdb-old` is not inside `/data/musdb`).
    public static func validate(_ output: URL, datasetRoot: URL) throws {
        let out = resolved(output), root = resolved(datasetRoot)
        if out.count >= root.count, Array(out.prefix(root.count)) == root {
            throw EvaluationError.outputInsideDataset(output: output, root: datasetRoot)
        }
    }

    /// The path components of `url` with links resolved; a part that does not exist yet is
    /// resolved through its nearest existing ancestor.
    static func resolved(_ url: URL) -> [String] {
        var existing = url.standardizedFileURL
        var missing = [String]()
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            missing.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let base = existing.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        return base + missing
    }
}
