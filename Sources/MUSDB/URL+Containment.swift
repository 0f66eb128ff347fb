import Foundation

extension URL {
    /// Whether this location is `folder` or lies below it: the promise never to write
    /// inside a dataset rests on it.
    ///
    /// Trap: `resolvingSymlinksInPath()` leaves a path that does not exist yet (an output
    /// folder about to be created) unresolved, so a dataset reached through a symlink would
    /// look unrelated to its own subfolder. The missing part is resolved through its nearest
    /// existing ancestor instead, and paths are compared component by component (so
    /// `/data/musdb-old` is not inside `/data/musdb`).
    public func lies(within folder: URL) -> Bool {
        let child = Self.resolvedComponents(self), parent = Self.resolvedComponents(folder)
        return child.count >= parent.count && Array(child.prefix(parent.count)) == parent
    }

    private static func resolvedComponents(_ url: URL) -> [String] {
        var existing = url.standardizedFileURL
        var missing = [String]()
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            missing.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        return existing.resolvingSymlinksInPath().standardizedFileURL.pathComponents + missing
    }
}
