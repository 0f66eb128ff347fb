import Foundation
import ZIPFoundation

/// A zip archive read in place (never extracted, never written): its file members listed
/// from the central directory, each readable as a forward stream (`ZipMemberStream`).
///
/// Listing reads the central directory and each member's local header (ZIPFoundation's
/// iteration); nothing is inflated. Directory and symlink entries are left out. When two
/// entries share a path the first is the member, as ZIPFoundation's lookup has it.
public final class ZipArchive: Sendable {
    /// The archive file.
    public let url: URL
    /// The file members, in central-directory order.
    public let members: [ZipMember]
    private let index: [String: Int]

    /// Opens `url` and lists its members.
    ///
    /// - Throws: `ArchiveError.notAnArchive` when the file is missing, is a folder, cannot be
    ///   read, or has no end-of-central-directory record (which a truncated archive lacks).
    public init(url: URL) throws {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ArchiveError.notAnArchive(url, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ArchiveError.notAnArchive(url, reason: "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ArchiveError.notAnArchive(url, reason: "permission denied")
        }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw ArchiveError.notAnArchive(url, reason: Self.reason(error))
        }
        var members = [ZipMember](), index = [String: Int]()
        for entry in archive where entry.type == .file {
            let path = entry.path
            guard index[path] == nil else { continue }
            index[path] = members.count
            members.append(
                ZipMember(
                    path: path, size: entry.uncompressedSize, crc32: entry.checksum,
                    isCompressed: entry.isCompressed, entry: EntryBox(entry: entry)))
        }
        self.members = members
        self.index = index
    }

    /// The member at `path`, if the archive has one.
    public func member(_ path: String) -> ZipMember? { index[path].map { members[$0] } }

    /// A stream over the member at `path`.
    ///
    /// - Throws: `ArchiveError.noSuchMember`.
    public func stream(_ path: String) throws -> ZipMemberStream {
        guard let member = member(path) else { throw ArchiveError.noSuchMember(archive: url, member: path) }
        return ZipMemberStream(archive: url, member: member)
    }

    /// A ZIPFoundation or zlib error in words.
    static func reason(_ error: Error) -> String {
        if let error = error as? Archive.ArchiveError {
            switch error {
            case .missingEndOfCentralDirectoryRecord:
                return "no end of central directory record: not a zip file, or a truncated one"
            case .unreadableArchive: return "unreadable or damaged archive"
            case .invalidCompressionMethod: return "unsupported compression method (only stored and deflated are read)"
            case .invalidEntrySize, .invalidLocalHeaderSize, .invalidLocalHeaderDataOffset:
                return "a member's sizes or offsets are out of range"
            case .invalidCentralDirectoryOffset, .invalidCentralDirectorySize, .invalidCentralDirectoryEntryCount:
                return "the central directory is out of range"
            default: return "\(error)"
            }
        }
        let text = "\(error)"
        if text.contains("corruptedData") { return "the deflated data is corrupt" }
        if text.contains("invalidStream") { return "the deflated data cannot be inflated" }
        if text.contains("unreadableFile") {
            return "the archive ends inside the member (truncated?) or cannot be read"
        }
        return text
    }
}
