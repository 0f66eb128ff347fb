import FileOutput

/// Why a museval score file or results folder could not be used. Every case names the path.
public enum ScoresFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read (missing, permissions, …).
    case unreadable(path: String, reason: String)
    /// The file is not JSON (bare NaN/Infinity are accepted, everything else must be JSON).
    case malformedJSON(path: String, JSONSyntaxError)
    /// The JSON is well formed but not museval's layout; `location` is a path like
    /// `targets[2].frames[7].metrics.SDR`.
    case unexpectedContent(path: String, location: String, reason: String)
    /// A results folder without any `.json` score file.
    case noScoreFiles(folder: String)
    /// The file could not be written.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the file: \(reason)"
        case let .malformedJSON(path, error):
            return "\(path): malformed JSON at \(error)"
        case let .unexpectedContent(path, location, reason):
            return "\(path): not a museval score file: \(location.isEmpty ? "" : location + ": ")\(reason)"
        case let .noScoreFiles(folder):
            return
                "\(folder): no museval .json score files here (looked in the folder and its subset folders such as test/ and train/)"
        case let .unwritable(path, reason):
            return "\(path): cannot write the file: \(reason)"
        }
    }

    /// The file or folder the error is about.
    public var path: String {
        switch self {
        case let .unreadable(path, _), let .malformedJSON(path, _),
            let .unexpectedContent(path, _, _), let .unwritable(path, _):
            return path
        case let .noScoreFiles(folder):
            return folder
        }
    }
}

extension ScoresFileError {
    /// Runs a write, turning a `FileOutputError` into `.unwritable` with its path and words.
    static func mappingWrite(_ body: () throws -> Void) throws {
        do { try body() } catch let error as FileOutputError {
            throw ScoresFileError.unwritable(path: error.path, reason: error.reason.description)
        }
    }
}
