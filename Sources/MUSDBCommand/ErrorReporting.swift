import ArgumentParser
import CommandSupport
import MUSDB

/// Runs `body`, turning library errors into a clean message and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

/// Prints each track that could not be indexed as an `error:` line and fails (exit
/// status 1) when there is any, so a broken dataset never looks complete.
func reportProblems(_ problems: [TrackProblem]) throws {
    guard !problems.isEmpty else { return }
    for problem in problems { printError("error: \(problem)") }
    printError("\(problems.count) entr\(problems.count == 1 ? "y" : "ies") could not be indexed")
    throw ExitCode.failure
}
