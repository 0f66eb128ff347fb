import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output folders (e.g. `OUT/<subset>/`): created with their parents, or checked before any
/// work starts, with the same error words as file writes.
public enum OutputFolder {
    /// Creates `url` and the folders above it that are missing. A part of the path that is
    /// a file (or anything but a folder, links followed) is refused with `.isFile` naming
    /// that part.
    public static func create(_ url: URL) throws {
        for prefix in prefixes(of: url) {
            if let kind = try FileKind.of(prefix.path) {
                guard kind == .folder else { throw FileOutputError(path: prefix.path, reason: .isFile) }
                continue
            }
            if mkdir(prefix.path, 0o777) != 0 {
                let code = errno
                // Made meanwhile by another thread or process: fine if it is a folder.
                if code == EEXIST, try FileKind.of(prefix.path) == .folder { continue }
                throw FileOutputError(path: prefix.path, errno: code)
            }
        }
    }

    /// Checks, without creating anything, that `url` can be an output folder: every part
    /// of it that exists is a folder. Call it before long work whose results go there, so a
    /// file given as the output folder fails at once, with one line.
    public static func validate(_ url: URL) throws {
        for prefix in prefixes(of: url) {
            guard let kind = try FileKind.of(prefix.path) else { return }
            guard kind == .folder else { throw FileOutputError(path: prefix.path, reason: .isFile) }
        }
    }

    /// `/a`, `/a/b`, `/a/b/c` for `/a/b/c` (absolute, `.` and `..` removed).
    static func prefixes(of url: URL) -> [URL] {
        let components = url.standardizedFileURL.pathComponents.filter { $0 != "/" }
        var prefixes: [URL] = []
        var current = URL(fileURLWithPath: "/")
        for component in components {
            current.appendPathComponent(component)
            prefixes.append(current)
        }
        return prefixes
    }
}
