import Foundation
import TestSupport
import XCTest

extension XCTestCase {
    /// Runs the built `tool` (`musdb` or `museval`) with `arguments` as a user runs it, and
    /// fails the test when the process was killed by a signal (a trap).
    func run(_ tool: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws
        -> CommandRunner.Result
    {
        let result = try CommandRunner.run(tool, arguments)
        XCTAssertTrue(
            result.exitedNormally,
            "\(tool) \(arguments.joined(separator: " ")) crashed (signal \(result.status)):\n\(result.stderr)",
            file: file, line: line)
        return result
    }
}
