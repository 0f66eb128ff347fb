import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a single output file goes, as a command-line argument names it: `-` is standard
/// output, anything else a file path, replaced atomically (`AtomicFile`).
public enum OutputDestination: Hashable, Sendable, CustomStringConvertible {
    case standardOutput
    case file(URL)

    /// `-` → `.standardOutput`, any other path → `.file`.
    public init(path: String) {
        self = path == "-" ? .standardOutput : .file(URL(fileURLWithPath: path))
    }

    public var isStandardOutput: Bool { self == .standardOutput }

    /// The path, or "standard output".
    public var description: String {
        switch self {
        case .standardOutput: return "standard output"
        case .file(let url): return url.path
        }
    }

    /// Writes `bytes`: all of them to file descriptor 1, or atomically to the file (its folder
    /// made first when missing, as `OUT` folders are).
    public func write(_ bytes: [UInt8]) throws {
        switch self {
        case .standardOutput:
            fflush(stdout) // what `print` buffered comes first
            try bytes.withUnsafeBytes { try POSIXWrite.writeAll(STDOUT_FILENO, $0, reportAs: description) }
        case .file(let url):
            let folder = url.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: folder.path) { try OutputFolder.create(folder) }
            try AtomicFile.write(bytes, to: url)
        }
    }

    /// Writes the UTF-8 of `text` (see `write(_:)`).
    public func write(_ text: String) throws { try write(Array(text.utf8)) }
}
