import ArgumentParser
import Foundation
import MUSDB

/// The options every command that reads a dataset shares.
struct DatasetOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The dataset root (holds train/ and test/). Defaults to the MUSDB_PATH environment variable.",
            valueName: "ROOT"))
    var root: String?

    @Flag(name: .long, help: "MUSDB18-HQ layout: a folder of WAVs per track instead of .stem.mp4 files.")
    var isWav = false

    /// The root as a URL, from --root or MUSDB_PATH.
    func rootURL() throws -> URL {
        if let root { return URL(fileURLWithPath: root) }
        if let path = ProcessInfo.processInfo.environment["MUSDB_PATH"] { return URL(fileURLWithPath: path) }
        throw ValidationError("no dataset root: pass --root ROOT or set MUSDB_PATH")
    }
}

/// Prints progress lines to standard error (standard output stays clean for data).
func printProgress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body`, turning library errors into a clean message and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        printProgress("error: \(error)")
        throw ExitCode.failure
    }
}

/// Prints each track that could not be indexed as an `error:` line and fails (exit
/// status 1) when there is any, so a broken dataset never looks complete.
func reportProblems(_ problems: [TrackProblem]) throws {
    guard !problems.isEmpty else { return }
    for problem in problems { printProgress("error: \(problem)") }
    printProgress("\(problems.count) entr\(problems.count == 1 ? "y" : "ies") could not be indexed")
    throw ExitCode.failure
}

/// `text` left-aligned in a column of `width` characters.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
