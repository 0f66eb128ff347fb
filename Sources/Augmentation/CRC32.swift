import CZlib
import Foundation

/// zlib's CRC-32 of files, recorded per stem in the manifest so a rerun can check that a
/// complete example is still intact without regenerating it.
enum CRC32 {
    /// The CRC-32 (zlib / PNG / gzip polynomial) of `data`.
    static func checksum(of data: Data) -> UInt32 {
        data.withUnsafeBytes { raw -> UInt32 in
            var crc = CZlib.crc32(0, nil, 0)
            var offset = 0
            // zlib takes a 32-bit length: feed large buffers in 1 GiB pieces.
            while offset < raw.count {
                let length = min(raw.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
                offset += length
            }
            return UInt32(crc)
        }
    }

    /// The CRC-32 of the file at `url`.
    static func checksum(ofFile url: URL) throws -> UInt32 {
        checksum(of: try Data(contentsOf: url, options: .alwaysMapped))
    }
}
