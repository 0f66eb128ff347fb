import Foundation
import ZIPFoundation

/// One file member of a zip archive, as its central-directory entry describes it.
public struct ZipMember: Sendable, Equatable {
    /// The member's path inside the archive (`train/Track/mixture.wav`).
    public var path: String
    /// Its size once inflated, in bytes.
    public var size: UInt64
    /// The CRC-32 the archive recorded for its inflated bytes.
    public var crc32: UInt32
    /// True when the member is deflated (false: stored as is).
    public var isCompressed: Bool
    /// The ZIPFoundation entry, kept to read the member without searching the directory again.
    let entry: EntryBox

    public static func == (lhs: ZipMember, rhs: ZipMember) -> Bool {
        lhs.path == rhs.path && lhs.size == rhs.size && lhs.crc32 == rhs.crc32 && lhs.isCompressed == rhs.isCompressed
    }
}

/// A ZIPFoundation `Entry` (a value of offsets and header fields, never mutated) handed to
/// the thread that inflates it.
struct EntryBox: @unchecked Sendable {
    let entry: Entry
}
