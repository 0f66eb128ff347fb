import Foundation

/// Writes `message` and a newline to standard error (warnings, errors, summaries), so
/// standard output stays clean for tables and JSON.
public func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
