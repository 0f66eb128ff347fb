import Checksum
import Foundation

/// What an input file looked like when it was scored: path, size, modification time (to
/// the nanosecond) and a CRC-32 of its first and last 64 KiB.
///
/// Why not a hash of the whole file: museval inputs are often gigabytes and scoring reads
/// each once; hashing them all would double the reading. Size and mtime catch an edit or
/// a re-render; the head and tail (headers, the first and last samples) catch a copy that
/// kept the mtime (`cp -p`, `rsync -a`) of other content, and cost 128 KiB per file. A
/// change confined to the middle of a file that keeps its size and mtime goes unnoticed.
public struct InputFingerprint: Codable, Equatable, Sendable {
    /// `reference` or `estimate`.
    public var role: String
    /// The absolute path.
    public var path: String
    /// Bytes.
    public var size: Int64
    /// Modification time, `seconds.nanoseconds` since 1970.
    public var modified: String
    /// CRC-32 (zlib) of the first and last 64 KiB (the whole file when smaller), hex.
    public var crc32: String

    /// Bytes hashed at each end.
    static let edgeBytes = 64 * 1024

    /// The fingerprint of `url` now; nil when it cannot be read (it then matches nothing).
    public static func of(_ url: URL, role: FaultSide) -> InputFingerprint? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        guard let digest = edgeDigest(url, size: Int64(info.st_size)) else { return nil }
        let nanoseconds = String(info.st_mtim.tv_nsec)
        return InputFingerprint(
            role: role.rawValue, path: url.standardizedFileURL.path, size: Int64(info.st_size),
            modified: "\(info.st_mtim.tv_sec)." + String(repeating: "0", count: max(0, 9 - nanoseconds.count))
                + nanoseconds,
            crc32: digest)
    }

    /// The CRC-32 of the first and last `edgeBytes` of the file.
    static func edgeDigest(_ url: URL, size: Int64) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var crc = CRC32()
        func add(_ data: Data) { crc.update(data) }
        let edge = Int64(edgeBytes)
        do {
            add(try handle.read(upToCount: Int(min(size, edge))) ?? Data())
            if size > edge {
                try handle.seek(toOffset: UInt64(max(edge, size - edge)))
                add(try handle.read(upToCount: edgeBytes) ?? Data())
            }
        } catch {
            return nil
        }
        return crc.hexDigits
    }
}
