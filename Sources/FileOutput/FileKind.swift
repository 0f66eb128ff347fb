#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path holds, from its `stat` mode: what decides whether it may be replaced by a
/// written file (only a regular file or nothing may).
public enum FileKind: Hashable, Sendable, CustomStringConvertible {
    case regularFile
    case folder
    case symbolicLink
    case characterDevice
    case blockDevice
    case fifo
    case socket
    case other

    /// The kind for a `st_mode`.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// The kind of what `path` names after following every link, or nil when nothing is
    /// there; a failure other than "does not exist" is thrown with its errno.
    public static func of(_ path: String) throws -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw FileOutputError(path: path, errno: errno)
        }
        return FileKind(mode: info.st_mode)
    }

    /// With an article, for messages: "a character device".
    public var description: String {
        switch self {
        case .regularFile: return "a regular file"
        case .folder: return "a folder"
        case .symbolicLink: return "a symbolic link"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .fifo: return "a FIFO (named pipe)"
        case .socket: return "a socket"
        case .other: return "a special file"
        }
    }
}
