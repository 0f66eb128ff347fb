import Foundation
import ZIPFoundation

/// Zip archives the tests build from a folder with ZIPFoundation's writer (deflated or
/// stored members, optionally under one wrapping folder), and damage on purpose.
public enum TestZip {
    /// Writes every file under `folder` whose relative path `only` accepts (sorted paths,
    /// relative to it, behind `wrapper`, e.g. `"musdb18hq/"`) into a new archive at `url`,
    /// deflated or stored.
    public static func make(
        from folder: URL, to url: URL, deflated: Bool, wrapper: String = "", only: (String) -> Bool = { _ in true }
    ) throws {
        let archive = try Archive(url: url, accessMode: .create)
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        var files = [String]()
        if let walker = FileManager.default.enumerator(atPath: base) {
            for case let relative as String in walker {
                var isDirectory: ObjCBool = false
                let path = base + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append(relative)
                }
            }
        }
        for relative in files.sorted() where only(relative) {
            try archive.addEntry(
                with: wrapper + relative, fileURL: URL(fileURLWithPath: base + "/" + relative),
                compressionMethod: deflated ? .deflate : .none)
        }
    }

    /// Flips one bit of the archive's copy of `file` (a member stored, not deflated): finds
    /// the 64 bytes of `file` at `offset` in the archive, verbatim, and changes the first.
    /// Returns false when they are not found exactly once.
    public static func corruptStoredCopy(of file: URL, at offset: Int, in archive: URL) throws -> Bool {
        let original = try Data(contentsOf: file)
        guard offset >= 0, offset + 64 <= original.count else { return false }
        let needle = original.subdata(in: offset..<offset + 64)
        var bytes = try Data(contentsOf: archive)
        guard let first = bytes.range(of: needle),
            bytes.range(of: needle, in: first.upperBound..<bytes.endIndex) == nil
        else { return false }
        bytes[first.lowerBound] ^= 0x40
        try bytes.write(to: archive)
        return true
    }
}
