import Foundation
import TestSupport
import XCTest

/// One run of a built command (`musdb` or `museval`) as a user runs it.
struct ToolRun {
    var status: Int32
    /// False when the process was killed by a signal (a Swift runtime trap is SIGILL/SIGTRAP).
    var exitedNormally: Bool
    var stdout: String
    var stderr: String

    /// Lines of standard error that start with `error:` or `  failed:`, or mention a fault.
    var errorLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains("error") || $0.contains("failed") }
    }
}

extension XCTestCase {
    /// Runs the built `tool` with `arguments`. Output goes to files, so neither stream can
    /// fill a pipe and block the process.
    func run(_ tool: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ToolRun {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent(tool)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("skipped: the \(tool) executable is not built beside the tests (\(executable.path))")
        }
        let folder = try TestData.temporaryDirectory(self)
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let result = ToolRun(status: process.terminationStatus, exitedNormally: process.terminationReason == .exit,
                             stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        XCTAssertTrue(result.exitedNormally, "\(tool) \(arguments.joined(separator: " ")) crashed (signal \(result.status)):\n\(result.stderr)",
                      file: file, line: line)
        return result
    }
}
