import Archive
import Audio
import Foundation

/// Where a track's bytes come from: files in a dataset folder, or members of a MUSDB18 zip
/// read in place. `Track.path` and `Track.sourceURLs` name the files either way (for a zip
/// `archive.zip:member`, see `ZipDataset.url(ofMember:)`), so messages and reports need no
/// case of their own; only the code that opens bytes asks the storage.
public enum TrackStorage: Sendable, Equatable {
    /// Files on disk, at the URLs the track names.
    case folder
    /// Members of a zip archive.
    case zip(ZipDataset)
}

/// A MUSDB18 or MUSDB18-HQ zip used as a dataset root: the archive, listed once, and the
/// folder its `train/` and `test/` are in (`""` at the top, as the distributed zips have
/// them, or one wrapping folder such as `musdb18hq/`).
public struct ZipDataset: Sendable, Equatable {
    /// The archive, with its member listing.
    public let archive: ZipArchive
    /// The members' common folder before `train/` and `test/` (`""` or `name/`).
    public let prefix: String

    /// Opens `url` and finds where its subsets are.
    ///
    /// - Throws: `ArchiveError.notAnArchive` for a file that is not a readable zip (a
    ///   truncated one included); `MUSDBError.notADatasetRoot` when no `train/` or `test/`
    ///   is found at the top or inside one top-level folder (or inside several: ambiguous).
    public init(url: URL) throws {
        let archive = try ZipArchive(url: url)
        let subsets = Subset.allCases.map { $0.rawValue + "/" }
        let paths = archive.members.map(\.path)
        if paths.contains(where: { path in subsets.contains { path.hasPrefix($0) } }) {
            self.init(archive: archive, prefix: "")
            return
        }
        var wrappers = Set<String>()
        for path in paths {
            guard let slash = path.firstIndex(of: "/") else { continue }
            let rest = path[path.index(after: slash)...]
            if subsets.contains(where: { rest.hasPrefix($0) }) { wrappers.insert(String(path[...slash])) }
        }
        guard wrappers.count == 1, let wrapper = wrappers.first else {
            throw MUSDBError.notADatasetRoot(url)
        }
        self.init(archive: archive, prefix: wrapper)
    }

    init(archive: ZipArchive, prefix: String) {
        self.archive = archive
        self.prefix = prefix
    }

    public static func == (lhs: ZipDataset, rhs: ZipDataset) -> Bool {
        lhs.archive.url == rhs.archive.url && lhs.prefix == rhs.prefix
    }

    /// The member path of `relative` (a path below the dataset root, `train/T/mixture.wav`).
    public func member(_ relative: String) -> String { prefix + relative }

    /// The URL that names a member in messages: its path is `archive.zip:member`.
    public func url(ofMember member: String) -> URL {
        URL(fileURLWithPath: ArchiveError.name(archive: archive.url, member: member))
    }

    /// The member a URL made by `url(ofMember:)` names, nil for any other URL.
    public func member(named url: URL) -> String? {
        let head = archive.url.path + ":"
        guard url.path.hasPrefix(head) else { return nil }
        return String(url.path.dropFirst(head.count))
    }

    /// A fresh byte source over the member `url` names (one per reader).
    ///
    /// - Throws: `ArchiveError.noSuchMember`.
    func source(_ url: URL) throws -> ZipMemberSource {
        guard let member = member(named: url) else {
            throw ArchiveError.noSuchMember(archive: archive.url, member: url.path)
        }
        return ZipMemberSource(stream: try archive.stream(member), url: url)
    }

    /// The stem file `url` names, read through ffmpeg's standard input.
    func stemFile(_ url: URL) -> StemFile {
        StemFile(url: url, input: { try source(url) })
    }

    /// The track names of a subset, sorted by code point, as `Database.listTracks` lists a
    /// folder: `subset/<name>/…` member folders (HQ) or `subset/<name>.stem.mp4` members.
    func listTracks(subset: Subset, isWav: Bool) -> [String] {
        let head = member(subset.rawValue + "/")
        var names = Set<String>()
        for member in archive.members where member.path.hasPrefix(head) {
            let rest = member.path.dropFirst(head.count)
            if isWav {
                if let slash = rest.firstIndex(of: "/"), slash != rest.startIndex {
                    names.insert(String(rest[..<slash]))
                }
            } else if rest.hasSuffix(".stem.mp4"), !rest.contains("/"), rest.count > ".stem.mp4".count {
                names.insert(String(rest.dropLast(".stem.mp4".count)))
            }
        }
        return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }
}

/// A zip member as the audio code reads it, under its `archive.zip:member` name.
final class ZipMemberSource: AudioByteSource {
    let stream: ZipMemberStream
    let url: URL
    var byteCount: Int { Int(clamping: stream.member.size) }

    init(stream: ZipMemberStream, url: URL) {
        self.stream = stream
        self.url = url
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        try stream.read(into: buffer, at: offset)
    }
}

extension TrackStorage {
    /// The file or member `relative` (a path below the dataset root) names.
    func url(_ relative: String, root: URL) -> URL {
        switch self {
        case .folder: return root.appendingPathComponent(relative)
        case let .zip(zip): return zip.url(ofMember: zip.member(relative))
        }
    }

    /// Whether the file or member `url` names exists.
    func exists(_ url: URL) -> Bool {
        switch self {
        case .folder: return FileManager.default.fileExists(atPath: url.path)
        case let .zip(zip): return zip.member(named: url).flatMap { zip.archive.member($0) } != nil
        }
    }

    /// The header of the sound file `url` names (for a member, only its first bytes inflated).
    func audioInfo(_ url: URL) throws -> AudioFileInfo {
        switch self {
        case .folder: return try AudioFile.info(of: url)
        case let .zip(zip): return try AudioFile.info(of: zip.source(url))
        }
    }

    /// The frames `frames` of the sound file `url` names. A member read in full
    /// (`frames` covering all `frameCount` frames) is then checked to its end: size and
    /// CRC-32, so a damaged member never gives samples.
    func readAudio(_ url: URL, frames: Range<Int>, frameCount: Int) throws -> AudioBuffer {
        switch self {
        case .folder: return try AudioFile.read(url, frames: frames)
        case let .zip(zip):
            let source = try zip.source(url)
            let buffer = try AudioFile.read(source, frames: frames)
            if frames == 0..<frameCount { try source.stream.verifyToEnd() }
            return buffer
        }
    }

    /// The stem file `url` names (a member is piped to ffmpeg).
    func stemFile(_ url: URL) -> StemFile {
        switch self {
        case .folder: return StemFile(url: url)
        case let .zip(zip): return zip.stemFile(url)
        }
    }
}
