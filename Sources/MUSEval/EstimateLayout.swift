import Foundation

/// Where a separator puts its estimate files, as a path pattern relative to the estimates
/// folder: `{subset}/{track}/{target}.wav` (museval), `{track}/{target}` (Spleeter),
/// `{model}/{track}/{target}` (Demucs), `{track}_({target})` (UVR).
///
/// Placeholders: `{track}` and `{target}` (required), `{subset}` (`train` or `test`),
/// `{model}` (any folder name; one model per run), `*` (any text within one path component).
/// Without an extension in the last component any audio extension libsndfile reads matches
/// (`wav`, `flac`, `ogg`, `aiff`, …); with one (`.wav`) only that extension matches.
public struct EstimateLayout: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public let pattern: String
    /// The fields captured by the regular expression's groups, in order.
    let fields: [Field]
    /// The anchored regular expression over a `/`-separated relative path.
    let expression: String
    /// The number of path components a matching file has.
    public let depth: Int
    /// Whether `{track}` is a whole folder name (`{track}/…`), which may end in `.stem`.
    let trackIsFolder: Bool

    /// What Demucs appends to a track folder when it separates `<track>.stem.mp4`: it names
    /// the folder after the input file without its last extension.
    public static let stemFolderSuffix = ".stem"

    enum Field: String, Sendable, Hashable {
        case subset, track, target, model, any, ext
    }

    /// File extensions treated as audio when the pattern leaves the extension open.
    public static let audioExtensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "aif", "aiff", "aifc", "mp3", "w64", "rf64",
        "caf", "au", "snd", "sd2", "wv"
    ]

    /// Parses `pattern`; throws `EvaluationError.invalidLayout` with the reason when it lacks
    /// `{track}` or `{target}`, repeats a placeholder, has an unknown `{…}` name or an empty
    /// path component.
    public init(pattern: String) throws {
        let trimmed = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        let components = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), components.allSatisfy({ !$0.isEmpty }) else {
            throw EvaluationError.invalidLayout(
                pattern, reason: "use a relative path such as {subset}/{track}/{target}.wav, without empty components")
        }
        var fields = [Field]()
        var regex = "^"
        var rest = Substring(trimmed)
        while let first = rest.first {
            if first == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    throw EvaluationError.invalidLayout(pattern, reason: "a `{` is not closed")
                }
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                guard let field = Field(rawValue: name), field != .any, field != .ext else {
                    throw EvaluationError.invalidLayout(
                        pattern,
                        reason: "unknown placeholder {\(name)}; use {subset}, {track}, {target} or {model}")
                }
                guard !fields.contains(field) else {
                    throw EvaluationError.invalidLayout(pattern, reason: "{\(name)} appears twice")
                }
                fields.append(field)
                regex += field == .subset ? "(train|test)" : "([^/]+)"
                rest = rest[rest.index(after: close)...]
            } else if first == "*" {
                fields.append(.any)
                regex += "([^/]*)"
                rest = rest.dropFirst()
            } else {
                regex += NSRegularExpression.escapedPattern(for: String(first))
                rest = rest.dropFirst()
            }
        }
        guard fields.contains(.track), fields.contains(.target) else {
            throw EvaluationError.invalidLayout(pattern, reason: "it needs both {track} and {target}")
        }
        // An extension is fixed when the last component ends in `.letters` after its last placeholder.
        let last = String(components.last!)
        let tail = last.split(separator: "}", omittingEmptySubsequences: false).last.map(String.init) ?? last
        let hasExtension = tail.range(of: #"\.[A-Za-z0-9]+$"#, options: .regularExpression) != nil
        if hasExtension {
            regex += "$"
        } else {
            fields.append(.ext)
            regex += #"\.([A-Za-z0-9]+)$"#
        }
        self.pattern = pattern
        self.fields = fields
        self.expression = regex
        self.depth = components.count
        self.trackIsFolder = components.dropLast().contains("{track}")
        _ = try Self.compiled(regex)
    }

    public var description: String { pattern }

    /// What a matching path says: the track, the target name as written, and the subset
    /// and model folder when the pattern has them.
    public struct Match: Sendable, Equatable {
        public var track: String
        public var targetName: String
        public var subset: String?
        public var model: String?
    }

    /// Matches a path relative to the estimates folder (components joined by `/`), or nil.
    /// Extensions are compared case-insensitively; an open extension must be an audio one.
    /// A track folder named `<track>.stem` (Demucs run on `<track>.stem.mp4`) is track
    /// `<track>`.
    public func match(_ relativePath: String) -> Match? {
        guard let expression = try? Self.compiled(self.expression) else { return nil }
        let range = NSRange(relativePath.startIndex..., in: relativePath)
        guard let result = expression.firstMatch(in: relativePath, range: range) else { return nil }
        var values = [Field: String]()
        for (index, field) in fields.enumerated() {
            guard let groupRange = Range(result.range(at: index + 1), in: relativePath) else { return nil }
            values[field] = String(relativePath[groupRange])
        }
        if let ext = values[.ext], !Self.audioExtensions.contains(ext.lowercased()) { return nil }
        guard var track = values[.track], let target = values[.target], !track.isEmpty, !target.isEmpty else {
            return nil
        }
        if trackIsFolder, track.count > Self.stemFolderSuffix.count, track.lowercased().hasSuffix(Self.stemFolderSuffix)
        {
            track.removeLast(Self.stemFolderSuffix.count)
        }
        return Match(track: track, targetName: target, subset: values[.subset], model: values[.model])
    }

    /// Compiled expressions, shared (NSRegularExpression is immutable and thread-safe).
    private static let cache = ExpressionCache()

    private static func compiled(_ pattern: String) throws -> NSRegularExpression {
        try cache.expression(for: pattern)
    }

    public static func == (lhs: EstimateLayout, rhs: EstimateLayout) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// A lock-protected cache of compiled regular expressions.
private final class ExpressionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var expressions = [String: NSRegularExpression]()

    func expression(for pattern: String) throws -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let cached = expressions[pattern] { return cached }
        let compiled = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        expressions[pattern] = compiled
        return compiled
    }
}
