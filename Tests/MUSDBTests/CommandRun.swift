import Foundation
import TestSupport

/// One run of the built `musdb` executable (`CommandRunner`, both pipes drained at once).
struct CommandRun {
    let status: Int32
    let out: String
    let err: String

    static func musdb(_ arguments: [String], in folder: URL) throws -> CommandRun {
        let result = try CommandRunner.run("musdb", arguments)
        return CommandRun(status: result.status, out: result.stdout, err: result.stderr)
    }
}
