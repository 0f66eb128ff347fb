#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system calls under every write of this module, each failure mapped to a
/// `FileOutputError` with its errno (never a Foundation error code).
enum POSIXWrite {
    /// Creates `path` (it must not exist) holding `contents`, closed; errors name `reportAs`.
    static func create(_ path: String, contents: UnsafeRawBufferPointer, reportAs: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileOutputError(path: reportAs, errno: errno) }
        do {
            try writeAll(fd, contents, reportAs: reportAs)
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw FileOutputError(path: reportAs, errno: errno) }
    }

    /// Writes all of `contents` to `fd`, retrying short writes and interruptions.
    static func writeAll(_ fd: Int32, _ contents: UnsafeRawBufferPointer, reportAs: String) throws {
        guard var next = contents.baseAddress else { return }
        var remaining = contents.count
        while remaining > 0 {
            let written = systemWrite(fd, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileOutputError(path: reportAs, errno: errno)
            }
            next += written
            remaining -= written
        }
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
