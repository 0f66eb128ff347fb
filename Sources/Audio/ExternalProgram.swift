import Foundation

/// Runs `ffmpeg` / `ffprobe` found on the PATH (no shell, so any file name is safe).
struct ExternalProgram {
    let name: String
    let executable: URL

    /// Finds `name` on `$PATH`, or throws `AudioError.ffmpegMissing`.
    init(_ name: String) throws {
        self.name = name
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                executable = candidate
                return
            }
        }
        throw AudioError.ffmpegMissing(program: name)
    }

    /// Runs the program and returns its standard output; a non-zero exit throws
    /// `AudioError.ffmpegFailed` with the end of its standard error.
    func run(_ arguments: [String], about file: URL) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw AudioError.ffmpegFailed(file, program: name, status: -1, message: "\(error)")
        }
        // Drain stderr concurrently so a chatty program never blocks on a full pipe.
        let errorData = ErrorCollector()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData.data.suffix(2000), as: UTF8.self)
            throw AudioError.ffmpegFailed(file, program: name, status: process.terminationStatus, message: message)
        }
        return data
    }
}

/// Holds the bytes read on another thread (guarded by the DispatchGroup wait).
private final class ErrorCollector: @unchecked Sendable {
    var data = Data()
}
