import Foundation

/// Writes `message` and a newline to standard error (warnings, errors, summaries), so
/// standard output stays clean for tables and JSON.
public func printError(_ message: String) {
    printError(message, terminator: "\n")
}

/// Writes `message` and `terminator` to standard error.
public func printError(_ message: String, terminator: String) {
    FileHandle.standardError.write(Data((message + terminator).utf8))
}
