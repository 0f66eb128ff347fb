import ArgumentParser

/// The output of a command that takes it either as `-o/--output OUT` (the shared spelling)
/// or as a trailing positional `OUT` (kept for older scripts).
public enum OutputPath {
    /// The one output given.
    ///
    /// - Throws: `ValidationError` when neither or both are given.
    public static func resolve(option: String?, positional: String?) throws -> String {
        switch (option, positional) {
        case let (path?, nil), let (nil, path?):
            return path
        case (nil, nil):
            throw ValidationError("no output: give it with -o OUT")
        case let (option?, positional?):
            throw ValidationError("two outputs ('\(positional)' and -o '\(option)'): give one, with -o OUT")
        }
    }
}
