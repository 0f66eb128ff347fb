import Foundation
import XCTest

/// The built `musdb` executable beside the test bundle, run with its output in files (so
/// neither pipe can fill up and block it).
struct CommandRun {
    let status: Int32
    let out: String
    let err: String

    static func musdb(_ arguments: [String], in folder: URL) throws -> CommandRun {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("musdb")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("skipped: the musdb executable is not built beside the tests (\(executable.path))")
        }
        let outURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus,
                          out: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                          err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
