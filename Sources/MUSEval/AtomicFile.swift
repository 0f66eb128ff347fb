import Foundation

/// Writes files so that readers never see a half-written one: the bytes go to a temporary
/// file in the destination folder (same file system), which is then renamed over the target.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw ScoresFileError.unwritable(path: url.path, reason: reason)
            }
        } catch let error as ScoresFileError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ScoresFileError.unwritable(path: url.path, reason: error.localizedDescription)
        }
    }

    static func write(_ text: String, to url: URL) throws { try write(Array(text.utf8), to: url) }
}
