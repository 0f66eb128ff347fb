import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A "spill file": doubles written to, and read back from, an unlinked temporary file in
/// `$TMPDIR` (else /tmp) with `pwrite` / `pread`, for data too large to keep in memory
/// until it is needed. Not `mmap`ed: mapped file pages count in the resident set, pages
/// only in the page cache do not (and the kernel may write them out under pressure). The
/// file is unlinked as soon as it is made, so it vanishes with the process whatever happens.
final class SpillFile {
    private let descriptor: Int32

    /// A new empty file, or nil when none can be made (the caller keeps the data in memory).
    init?() {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/bsseval-lags-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Writes `count` doubles at element offset `offset`; false on an I/O error.
    func write(_ values: UnsafePointer<Double>, count: Int, at offset: Int) -> Bool {
        transfer(UnsafeMutableRawPointer(mutating: values), bytes: count * 8, at: offset * 8) { fd, p, n, o in
            pwrite(fd, p, n, o)
        }
    }

    /// Reads `count` doubles from element offset `offset`; false on an I/O error or short file.
    func read(into values: UnsafeMutablePointer<Double>, count: Int, at offset: Int) -> Bool {
        transfer(UnsafeMutableRawPointer(values), bytes: count * 8, at: offset * 8) { fd, p, n, o in
            pread(fd, p, n, o)
        }
    }

    /// Loops over partial transfers and EINTR.
    private func transfer(
        _ pointer: UnsafeMutableRawPointer, bytes: Int, at offset: Int,
        _ call: (Int32, UnsafeMutableRawPointer, Int, off_t) -> Int
    ) -> Bool {
        var done = 0
        while done < bytes {
            let n = call(descriptor, pointer + done, bytes - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
