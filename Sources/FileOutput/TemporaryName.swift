import Foundation

/// The one naming scheme of the hidden temporary files and staging folders written beside an
/// output before it is renamed into place: `.<name>.<UUID>.part`. Being one scheme, what a
/// killed run left behind is found and removed by one function, `removeStale(for:)`.
public enum TemporaryName {
    /// The suffix of every temporary file and staging folder.
    public static let suffix = ".part"

    /// A fresh temporary path in the folder of `target` (same file system, so `rename` is
    /// atomic), hidden, unique per call.
    public static func url(beside target: URL) -> URL {
        target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString)\(suffix)")
    }

    /// Whether the file name `name` is a temporary of the output named `targetName`.
    public static func isTemporary(_ name: String, of targetName: String) -> Bool {
        let prefix = "." + targetName + "."
        return name.count > prefix.count + suffix.count && name.hasPrefix(prefix) && name.hasSuffix(suffix)
    }

    /// Removes the temporaries of `target` (files and staging folders) that an interrupted
    /// run left beside it, and beside the file its symbolic link points to when it is one.
    /// Failures are ignored: a leftover that cannot be removed does no harm.
    public static func removeStale(for target: URL) {
        var targets = [target]
        if let resolved = try? AtomicFile.resolveLinks(target), resolved != target { targets.append(resolved) }
        for target in targets {
            let folder = target.deletingLastPathComponent()
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where isTemporary(name, of: target.lastPathComponent) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
