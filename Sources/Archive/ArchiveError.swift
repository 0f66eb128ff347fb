import Foundation

/// Why a zip archive, or one of its members, could not be read. Every message names the
/// archive, and the member as `archive.zip:member`, so a report points at the bytes at fault.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    /// The file is missing, unreadable, or not a zip archive (no end of central directory:
    /// also what a truncated archive gives).
    case notAnArchive(URL, reason: String)
    /// No member of that name in the central directory.
    case noSuchMember(archive: URL, member: String)
    /// The member's bytes could not be read or inflated (corrupt deflate data, an archive
    /// that ends inside the member, an unsupported compression method).
    case unreadableMember(archive: URL, member: String, reason: String)
    /// The member holds more or fewer bytes than its central-directory entry says (`found`:
    /// the bytes read; past `expected`, reading stopped at the first excess chunk).
    case sizeMismatch(archive: URL, member: String, expected: UInt64, found: UInt64)
    /// The CRC-32 of the member's bytes, read in full, is not the one the archive recorded.
    case checksumMismatch(archive: URL, member: String, expected: UInt32, found: UInt32)
    /// A read was asked at a negative offset (a caller's bug, never the archive's).
    case invalidOffset(archive: URL, member: String, offset: Int)

    /// `archive.zip:member`, the name a member goes by in messages.
    public static func name(archive: URL, member: String) -> String { "\(archive.path):\(member)" }

    public var description: String {
        func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        }
        switch self {
        case let .notAnArchive(url, reason):
            return "\(url.path): not a readable zip archive (\(reason))"
        case let .noSuchMember(archive, member):
            return "\(Self.name(archive: archive, member: member)): no such member in the archive"
        case let .unreadableMember(archive, member, reason):
            return "\(Self.name(archive: archive, member: member)): cannot read the member (\(reason)); "
                + "the archive may be damaged: download it again or check it with `unzip -t`"
        case let .sizeMismatch(archive, member, expected, found):
            let held = found > expected ? "more than \(expected) bytes" : "\(found) bytes"
            return "\(Self.name(archive: archive, member: member)): the member holds \(held), "
                + "its directory entry says \(expected); the archive is damaged: download it again"
        case let .checksumMismatch(archive, member, expected, found):
            return "\(Self.name(archive: archive, member: member)): CRC-32 mismatch "
                + "(recorded \(hex(expected)), read \(hex(found))); the archive is damaged: download it again"
        case let .invalidOffset(archive, member, offset):
            return "\(Self.name(archive: archive, member: member)): read at negative offset \(offset)"
        }
    }
}
