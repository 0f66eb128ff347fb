import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a folder atomically, for outputs that are several files (a track's stems): the
/// files are written into a hidden staging folder beside the destination (`TemporaryName`),
/// which is renamed into place only once all are written, so a failure (a full disk) never
/// leaves a folder with only some of them.
public enum AtomicFolder {
    /// Creates a staging folder beside `destination` (creating the folders above it), lets
    /// `produce` fill it, then commits it onto `destination`. When anything fails, the
    /// staging folder is removed and `destination` is left as it was.
    public static func write(to destination: URL, using produce: (URL) throws -> Void) throws {
        try OutputFolder.create(destination.deletingLastPathComponent())
        let target = try checkedTarget(destination)
        let staging = TemporaryName.url(beside: target)
        guard mkdir(staging.path, 0o777) == 0 else { throw FileOutputError(path: destination.path, errno: errno) }
        do {
            try produce(staging)
            try commit(staging, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Renames the complete folder `staging` onto `destination` (a symbolic link there is
    /// followed), replacing an older folder: the old one is renamed away first, the new one
    /// renamed in, then the old one removed. `staging` must be on the same file system.
    public static func commit(_ staging: URL, to destination: URL) throws {
        let target = try checkedTarget(destination)
        var displaced: URL?
        if try FileKind.of(target.path) == .folder {
            let old = TemporaryName.url(beside: target)
            guard rename(target.path, old.path) == 0 else {
                throw FileOutputError(path: destination.path, errno: errno)
            }
            displaced = old
        }
        guard rename(staging.path, target.path) == 0 else {
            let code = errno
            if let displaced { rename(displaced.path, target.path) }
            throw FileOutputError(path: destination.path, errno: code)
        }
        if let displaced { try? FileManager.default.removeItem(at: displaced) }
    }

    /// Where a folder written to `destination` goes: the end of its link chain; refused
    /// when a file or anything but a folder is there.
    static func checkedTarget(_ destination: URL) throws -> URL {
        let target = try AtomicFile.resolveLinks(destination)
        if let kind = try AtomicFile.kind(of: target.path, reportAs: destination.path), kind != .folder {
            throw FileOutputError(path: destination.path, reason: .isFile)
        }
        return target
    }
}
