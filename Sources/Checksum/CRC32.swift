import CZlibShim
import Foundation

/// zlib's CRC-32 (the zip / PNG / gzip polynomial), fed incrementally.
///
/// Used to record and recheck what a file held: the augmentation manifest's per-stem
/// checksums and the fingerprints of scored inputs. zlib takes a 32-bit length, so large
/// buffers are fed in pieces of at most 1 GiB; a plain `crc32(crc, base, uInt(count))`
/// silently truncates the length of a buffer of 4 GiB or more.
public struct CRC32: Sendable, Equatable {
    /// The checksum of everything fed so far (0 for nothing).
    public private(set) var value: UInt32

    /// A checksum of no bytes.
    public init() { value = UInt32(CZlibShim.crc32(0, nil, 0)) }

    /// Adds `bytes` to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var crc = uLong(value)
        var offset = 0
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            crc = CZlibShim.crc32(crc, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        value = UInt32(truncatingIfNeeded: crc)
    }

    /// Adds `data` to the checksum.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The value as 8 lower-case hexadecimal digits, zero-padded.
    public var hexDigits: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The CRC-32 of `data`.
    public static func checksum(of data: Data) -> UInt32 {
        var crc = CRC32()
        crc.update(data)
        return crc.value
    }

    /// The CRC-32 of the file at `url` (mapped, not read into memory).
    public static func checksum(ofFile url: URL) throws -> UInt32 {
        checksum(of: try Data(contentsOf: url, options: .alwaysMapped))
    }
}
