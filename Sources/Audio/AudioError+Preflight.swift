import Foundation

extension AudioError {
    /// Throws `fileNotFound` when nothing but a folder (or nothing) is at `url`, and
    /// `emptyFile` when the file holds zero bytes: the two faults a decoder would otherwise
    /// report as a vague "unrecognised format".
    static func checkReadableFile(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AudioError.fileNotFound(url)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
            size.intValue == 0
        {
            throw AudioError.emptyFile(url)
        }
    }
}
