import FileOutput
import Foundation

extension TrackGlobalScores {
    /// `folder/.<track>.global` for the score file `folder/<track>.json`. Hidden, and without
    /// a `.json` extension: Python museval's `add_eval_dir` globs `test/**/*.json` with
    /// pathlib, which matches hidden names too, and would fail on a file that is no score
    /// file; `ResultsFolder` skips hidden names anyway.
    public static func url(for scoreFile: URL) -> URL {
        scoreFile.deletingLastPathComponent()
            .appendingPathComponent("." + scoreFile.deletingPathExtension().lastPathComponent + ".global")
    }

    /// Strict JSON, indent 2, members in a fixed order. A non-finite figure (SI-SDR of a
    /// perfect estimate is +∞) is written as the string `"Infinity"`, `"-Infinity"` or
    /// `"NaN"`: strict JSON has no such number, and `null` would lose the sign.
    public func jsonString() -> String {
        func figure(_ x: Double) -> OrderedJSON {
            if x.isFinite { return .number(x) }
            return .string(x.isNaN ? "NaN" : (x < 0 ? "-Infinity" : "Infinity"))
        }
        return OrderedJSON.object([
            ("format", .string(Self.format)),
            ("track", .string(track)),
            ("mode", setup.mode.map(OrderedJSON.string) ?? .null),
            ("window", .finite(setup.window)),
            ("hop", .finite(setup.hop)),
            ("epsilon", .number(Self.epsilon)),
            (
                "targets",
                .array(
                    targets.map { target in
                        .object([
                            ("name", .string(target.name)),
                            ("frames", .integer(target.frameCount)),
                            ("globalSDR", figure(target.globalSDR)),
                            ("siSDR", figure(target.siSDR))
                        ])
                    })
            )
        ]).text()
    }

    /// Writes `jsonString()` atomically as the sidecar of `scoreFile` (`url(for:)`).
    public func write(besideScoreFile scoreFile: URL) throws {
        try ScoresFileError.mappingWrite { try AtomicFile.write(jsonString(), to: Self.url(for: scoreFile)) }
    }

    /// Reads the sidecar of `scoreFile`; nil when there is none.
    ///
    /// - Throws: `ScoresFileError` naming the sidecar when it exists but cannot be read or
    ///   is not of this format.
    public static func read(besideScoreFile scoreFile: URL) throws -> TrackGlobalScores? {
        let url = url(for: scoreFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw ScoresFileError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try TrackGlobalScores(json: bytes, path: url.path)
    }

    /// Decodes a sidecar. `path` only names the source in errors.
    public init(json bytes: [UInt8], path: String = "<json>") throws {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch let error as JSONSyntaxError {
            throw ScoresFileError.malformedJSON(path: path, error)
        }
        func fail(_ location: String, _ reason: String) -> ScoresFileError {
            .unexpectedContent(path: path, location: location, reason: reason)
        }
        guard case .string(let format)? = root["format"], format == Self.format else {
            throw fail("format", "not a \(Self.format) sidecar (\"format\" must be \"\(Self.format)\")")
        }
        guard case .string(let track)? = root["track"] else { throw fail("track", "\"track\" must be a string") }
        func optionalNumber(_ key: String) throws -> Double? {
            switch root[key] {
            case nil, .null?: return nil
            case .number(let x)?: return x
            default: throw fail(key, "\"\(key)\" must be a number or null")
            }
        }
        var mode: String?
        switch root["mode"] {
        case nil, .null?: mode = nil
        case .string(let text)?: mode = text
        default: throw fail("mode", "\"mode\" must be a string or null")
        }
        let setup = ScoringSetup(mode: mode, window: try optionalNumber("window"), hop: try optionalNumber("hop"))
        guard case .array(let list)? = root["targets"] else { throw fail("targets", "\"targets\" must be an array") }
        var targets: [Target] = []
        for (index, element) in list.enumerated() {
            let location = "targets[\(index)]"
            guard case .string(let name)? = element["name"] else {
                throw fail(location + ".name", "the target name must be a string")
            }
            guard case .number(let frames)? = element["frames"], frames >= 0, frames <= 1e12,
                frames == frames.rounded(), let frameCount = Int(exactly: frames)
            else { throw fail(location + ".frames", "\"frames\" must be a whole number of frames") }
            func figure(_ key: String) throws -> Double {
                switch element[key] {
                case .number(let x)?: return x
                case .string("Infinity")?: return .infinity
                case .string("-Infinity")?: return -.infinity
                case .string("NaN")?, .null?: return .nan
                default:
                    throw fail(
                        location + "." + key, "\"\(key)\" must be a number, \"Infinity\", \"-Infinity\" or \"NaN\"")
                }
            }
            targets.append(
                Target(
                    name: name, frameCount: frameCount, globalSDR: try figure("globalSDR"), siSDR: try figure("siSDR")))
        }
        self.init(track: track, setup: setup, targets: targets)
    }
}
