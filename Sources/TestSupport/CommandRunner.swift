import Foundation
import XCTest

/// Runs the package's executables (built beside the test bundle) and other programs from
/// tests, reading standard output and standard error at the same time: reading one pipe to
/// its end before the other deadlocks once a child fills the other pipe's buffer.
public enum CommandRunner {
    /// What a finished process left.
    public struct Result: Sendable {
        public var status: Int32
        /// False when a signal ended the process (a Swift runtime trap is SIGILL or SIGTRAP).
        public var exitedNormally: Bool
        public var stdout: String
        public var stderr: String
    }

    /// The product `name` (e.g. `museval`) beside the test bundle; skips the test, saying
    /// what is missing, when it is not built.
    public static func product(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip(
                "skipped: the \(name) executable is not built beside the tests (\(url.path)); build all products first")
        }
        return url
    }

    /// Runs the product `name` with `arguments` (see `product(_:)`).
    public static func run(
        _ name: String, _ arguments: [String],
        environment: [String: String]? = nil
    ) throws -> Result {
        try run(executable: product(name), arguments: arguments, environment: environment)
    }

    /// Runs `executable` to its end and returns its status and both outputs. `environment`
    /// entries are added to (or replace those of) the test's own environment.
    public static func run(
        executable: URL, arguments: [String],
        environment: [String: String]? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorBox = DataBox()
        let reader = Thread {
            errorBox.data = err.fileHandleForReading.readDataToEndOfFile(); errorBox.done.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errorBox.done.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, exitedNormally: process.terminationReason == .exit,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errorBox.data, as: UTF8.self))
    }

    /// Standard error as the reader thread collected it; `done` is signalled once it is set.
    private final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
