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
    ///
    /// With `input`, its bytes are written to the program's standard input from another
    /// thread, in order, until the end or until the program stops reading (a closed pipe
    /// ends the writing quietly: ffmpeg with `-t` stops early). An error thrown by the
    /// source (a damaged archive, a CRC-32 mismatch) is thrown instead of the result.
    func run(_ arguments: [String], about file: URL, input: AudioByteSource? = nil) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        do { try process.run() } catch {
            throw AudioError.ffmpegFailed(file, program: name, status: -1, message: "\(error)")
        }
        let feeder = InputFeeder()
        if let input, let inputPipe {
            // A write to a pipe the program has closed must fail with EPIPE, not kill us.
            signal(SIGPIPE, SIG_IGN)
            feeder.group.enter()
            let writer = UncheckedBox((input, inputPipe.fileHandleForWriting))
            Self.onThreadOfItsOwn {
                feeder.failure = Self.feed(writer.value.0, to: writer.value.1)
                feeder.group.leave()
            }
        }
        // Drain stderr concurrently so a chatty program never blocks on a full pipe.
        let errorData = ErrorCollector()
        let group = DispatchGroup()
        group.enter()
        Self.onThreadOfItsOwn {
            errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        feeder.group.wait()
        if let failure = feeder.failure { throw failure }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData.data.suffix(2000), as: UTF8.self)
            throw AudioError.ffmpegFailed(file, program: name, status: process.terminationStatus, message: message)
        }
        return data
    }
}

extension ExternalProgram {
    /// Runs `body` on a new thread. Not on Dispatch's pool: the caller blocks until `body`
    /// is done, and when every pool thread is busy (jobs decoding side by side, each
    /// blocked like this caller) libdispatch on Linux adds the thread for queued work only
    /// about a second later, while ffmpeg waits for its input or its stderr drain.
    fileprivate static func onThreadOfItsOwn(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.start()
    }

    /// Writes `source` to `handle` and closes it; returns the source's error, if any. A
    /// write the reader refused (EPIPE: it has exited or stopped reading) ends it quietly.
    fileprivate static func feed(_ source: AudioByteSource, to handle: FileHandle) -> Error? {
        defer { try? handle.close() }
        let descriptor = handle.fileDescriptor
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let count: Int
            do { count = try source.read(into: buffer, at: offset) } catch { return error }
            guard count > 0, let base = buffer.baseAddress else { return nil }
            var written = 0
            while written < count {
                let result = write(descriptor, base + written, count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                written += result
            }
            offset += count
        }
    }
}

/// The writer thread's outcome, read after its group is waited for.
private final class InputFeeder: @unchecked Sendable {
    let group = DispatchGroup()
    var failure: Error?
}

/// A value handed to another thread that only that thread uses from then on.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Holds the bytes read on another thread (guarded by the DispatchGroup wait).
private final class ErrorCollector: @unchecked Sendable {
    var data = Data()
}
