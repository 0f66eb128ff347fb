import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an output file or folder could not be written: the path as the user gave it and the
/// reason in words. `description` is one line, e.g. `out/board.json: the disk is full`.
public struct FileOutputError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// Why the write was refused or failed.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The destination of a file is an existing folder.
        case isFolder
        /// A folder was asked for (the destination or a part of its path) and a file is there.
        case isFile
        /// The destination is a device, FIFO, socket or other non-regular file.
        case notRegularFile(FileKind)
        /// The destination is a link to an open file descriptor (`/dev/stdout`, `/proc/self/fd/N`).
        case descriptorLink
        /// A system call failed with this `errno`.
        case system(errno: Int32)

        public var description: String {
            switch self {
            case .isFolder: return "is a folder"
            case .isFile: return "is a file, not a folder"
            case .notRegularFile(let kind):
                return "is \(kind), not a regular file; use - for standard output"
            case .descriptorLink: return "is a link to an open file descriptor; use - for standard output"
            case .system(let code): return FileOutputError.words(forErrno: code)
            }
        }
    }

    /// The file or folder the error is about, as the caller named it.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// An error for the `errno` of a failed system call on `path`.
    public init(path: String, errno code: Int32) {
        self.init(path: path, reason: .system(errno: code))
    }

    public var description: String { "\(path): \(reason)" }
    public var errorDescription: String? { description }

    /// The reason for `errno` in words. The common causes of a failed write have their own
    /// wording; anything else is the C library's `strerror` text.
    public static func words(forErrno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is exhausted"
        case EROFS: return "the file system is read-only"
        case ENOTDIR: return "a part of the path is not a folder"
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "the folder does not exist"
        case EISDIR: return "is a folder"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "too many symbolic links (a loop?)"
        case EEXIST: return "something with this name already exists"
        case EXDEV: return "the temporary file is on another file system"
        case EIO: return "an input/output error (failing disk or lost connection)"
        case EFBIG: return "the file is too large for this file system"
        case EMFILE, ENFILE: return "too many open files"
        case EPIPE: return "the reader closed the pipe"
        case EBUSY: return "the file or folder is busy"
        case ENOTEMPTY: return "the folder is not empty"
        default: return String(cString: strerror(code))
        }
    }
}
