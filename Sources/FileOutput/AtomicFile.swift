import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file atomically: readers see the old file or the complete new one, never a
/// half-written one, and a failed write leaves no temporary behind.
///
/// The bytes go to a hidden temporary (`TemporaryName`) beside the final target, which is
/// then renamed onto it. A symbolic link at the destination is followed (the link stays a
/// link; the file it points to is replaced). Anything but a regular file or nothing at the
/// destination (a folder, device, FIFO, socket) is refused before anything is written.
public enum AtomicFile {
    /// Writes `bytes` to `url` atomically.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try write(to: url) { temporary in
            try bytes.withUnsafeBytes { try POSIXWrite.create(temporary.path, contents: $0, reportAs: url.path) }
        }
    }

    /// Writes the UTF-8 of `text` to `url` atomically.
    public static func write(_ text: String, to url: URL) throws { try write(Array(text.utf8), to: url) }

    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { temporary in
            try data.withUnsafeBytes { try POSIXWrite.create(temporary.path, contents: $0, reportAs: url.path) }
        }
    }

    /// Lets `produce` create the complete file at the temporary path it is given (e.g. with
    /// a library that writes files itself), then renames it onto `url`'s target. When
    /// `produce` throws, its error is rethrown and the temporary removed.
    public static func write(to url: URL, using produce: (URL) throws -> Void) throws {
        let target = try checkedTarget(url)
        let temporary = TemporaryName.url(beside: target)
        do {
            try produce(temporary)
            guard rename(temporary.path, target.path) == 0 else { throw FileOutputError(path: url.path, errno: errno) }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }
}
