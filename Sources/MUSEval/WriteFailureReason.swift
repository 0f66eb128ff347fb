import FileOutput
import Foundation
import ScoreFiles

/// Why a score file could not be written, in words a user can act on ("the disk is full",
/// not "NSCocoaErrorDomain error 512"): what the path looks like now, else the error's
/// errno in `FileOutputError.words(forErrno:)`'s words.
enum WriteFailureReason {
    /// The reason writing `url` failed with `error`: what the file system says about the
    /// path now (a file where a folder should be, a folder in the way, a read-only or full
    /// file system, no permission) when that explains it, else `describe(error)`.
    static func reason(writing url: URL, error: Error) -> String {
        diagnose(url).map { describe(errno: $0) } ?? describe(error)
    }

    /// The errno that explains why `url` cannot be written, found by looking at the path.
    static func diagnose(_ url: URL) -> Int32? {
        var info = stat()
        if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return EISDIR }
        // The nearest existing ancestor: a file there means a part of the path is not a folder.
        var folder = url.deletingLastPathComponent()
        while stat(folder.path, &info) != 0 {
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
        if (info.st_mode & S_IFMT) != S_IFDIR { return ENOTDIR }
        var volume = statvfs()
        if statvfs(folder.path, &volume) == 0 {
            if (volume.f_flag & UInt(ST_RDONLY)) != 0 { return EROFS }
            if volume.f_bavail == 0 { return ENOSPC }
        }
        if access(folder.path, W_OK) != 0 { return errno == EROFS ? EROFS : EACCES }
        return nil
    }

    /// A short reason for `error` (an errno `POSIXError`, a Foundation error carrying an
    /// underlying POSIX error, or a `ScoresFileError`).
    static func describe(_ error: Error) -> String {
        if let error = error as? FileOutputError { return error.reason.description }
        if let error = error as? ScoresFileError, case let .unwritable(_, reason) = error {
            return describe(message: reason)
        }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return describe(errno: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(underlying.code))
        }
        if ns.domain == NSCocoaErrorDomain, let reason = describe(cocoaCode: ns.code) { return reason }
        return describe(message: ns.localizedDescription)
    }

    /// A reason for a message that may end in Foundation's bare code, e.g. "The operation
    /// could not be completed. (NSCocoaErrorDomain error 640.)" → "the disk is full".
    static func describe(message: String) -> String {
        for (domain, map) in [
            (NSCocoaErrorDomain, { describe(cocoaCode: $0) }),
            (NSPOSIXErrorDomain, { Optional(describe(errno: Int32($0))) })
        ] as [(String, (Int) -> String?)] {
            guard let range = message.range(of: domain + " error ") else { continue }
            let digits = message[range.upperBound...].prefix { $0.isNumber }
            if let code = Int(digits), let reason = map(code) { return reason }
        }
        return message.replacingOccurrences(of: "\n", with: " ")
    }

    /// Foundation's file-writing codes that stand for an errno value.
    static func describe(cocoaCode: Int) -> String? {
        switch cocoaCode {
        case CocoaError.fileWriteOutOfSpace.rawValue: return describe(errno: ENOSPC)
        case CocoaError.fileWriteVolumeReadOnly.rawValue: return describe(errno: EROFS)
        case CocoaError.fileWriteNoPermission.rawValue: return describe(errno: EACCES)
        case CocoaError.fileWriteFileExists.rawValue: return describe(errno: EEXIST)
        case CocoaError.fileNoSuchFile.rawValue: return describe(errno: ENOENT)
        case CocoaError.fileWriteInvalidFileName.rawValue: return "the file name is not valid here"
        default: return nil
        }
    }

    /// A reason for an errno value, in `FileOutput`'s words (the one errno table).
    static func describe(errno code: Int32) -> String {
        FileOutputError.words(forErrno: code)
    }
}
