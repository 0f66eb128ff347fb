import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// The path a write to `url` replaces: `url` itself, or the end of its symbolic link
    /// chain (relative link targets are relative to the link's folder). Throws when the
    /// destination is a folder or not a regular file, when its folder does not exist or
    /// is not a folder, or when the links loop. Errors name `url` as given.
    ///
    /// The kind is decided by `stat`, which the kernel resolves, so a link into `/proc`
    /// (`/dev/stdout` → `/proc/self/fd/1` → a pipe or terminal) is seen as what it ends in
    /// and refused, never replaced; a chain that passes through `/proc` to a regular file
    /// (standard output redirected to a file) is refused as well.
    public static func checkedTarget(_ url: URL) throws -> URL {
        if let kind = try kind(of: url.path, reportAs: url.path) {
            switch kind {
            case .regularFile: break
            case .folder: throw FileOutputError(path: url.path, reason: .isFolder)
            default: throw FileOutputError(path: url.path, reason: .notRegularFile(kind))
            }
        }
        let target = try resolveLinks(url)
        if target.path.hasPrefix("/proc/") {
            // A descriptor link (`/dev/stdout` redirected to a file): replacing the file it
            // names would swap the file under the shell's redirection, so refuse it too.
            throw FileOutputError(path: url.path, reason: .descriptorLink)
        }
        let folder = target.deletingLastPathComponent()
        guard let folderKind = try kind(of: folder.path, reportAs: url.path) else {
            throw FileOutputError(path: url.path, errno: ENOENT)
        }
        guard folderKind == .folder else { throw FileOutputError(path: url.path, errno: ENOTDIR) }
        return target
    }

    /// The end of `url`'s chain of symbolic links (at most 40, as the kernel allows); `url`
    /// when it is not a link. Only the last path component is followed: links in the
    /// folders above are left to the kernel. The chain stops at the first link in `/proc`.
    public static func resolveLinks(_ url: URL) throws -> URL {
        var current = url
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current.path, &info) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { return current }
                throw FileOutputError(path: url.path, errno: errno)
            }
            // Links in /proc name open files, not paths to write beside: stop there.
            guard FileKind(mode: info.st_mode) == .symbolicLink, !current.path.hasPrefix("/proc/") else {
                return current
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current.path, &buffer, buffer.count - 1)
            guard count >= 0 else { throw FileOutputError(path: url.path, errno: errno) }
            let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current =
                destination.hasPrefix("/")
                ? URL(fileURLWithPath: destination)
                : current.deletingLastPathComponent().appendingPathComponent(destination)
        }
        throw FileOutputError(path: url.path, errno: ELOOP)
    }

    /// `FileKind.of(path)` with errors naming `reportAs`.
    static func kind(of path: String, reportAs: String) throws -> FileKind? {
        do { return try FileKind.of(path) } catch let error as FileOutputError {
            throw FileOutputError(path: reportAs, reason: error.reason)
        }
    }
}
