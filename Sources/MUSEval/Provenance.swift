import CZlib
import Foundation

/// The sidecar that records what produced a score file, so a rerun can tell whether the
/// file still stands for its inputs and settings, and whether a folder holds one method.
///
/// It lives beside the score file as `.<track>.provenance.json` (hidden: museval's
/// per-track JSON stays byte-identical, and `ResultsFolder`, `museval aggregate` and
/// Python museval, which read `*.json` but skip hidden names, never take it for scores).
/// The score file is written first and the sidecar after it, so a sidecar always
/// describes the inputs of the score file beside it or of an older one (then the inputs
/// differ and the track is rescored), never of a newer one.
public struct Provenance: Codable, Equatable, Sendable {
    /// `museval (musdb-museval 0.5.0, museval 0.4.1-compatible)`.
    public var tool: String
    /// `MUSEvalVersion.version` of the writer.
    public var version: String
    /// The track (or, for `museval dir`, the reference folder name).
    public var track: String
    /// The subset folder (nil for `museval dir`).
    public var subset: String?
    /// `evaluate` or `dir`.
    public var command: String
    /// Method, references and settings.
    public var origin: ScoreOrigin
    /// Every input file as it was read: estimates, then references.
    public var inputs: [InputFingerprint]
    /// The score file written: its size and the CRC-32 of all its bytes.
    public var scoreFile: String
    /// The changes made to the estimates (resampled, padded, mono), as warned.
    public var adjustments: [String]
    /// Other warnings given when the track was scored.
    public var warnings: [String]

    public init(track: String, subset: String?, command: String, origin: ScoreOrigin, inputs: [InputFingerprint],
                scoreFile: String, adjustments: [String], warnings: [String] = []) {
        tool = MUSEvalVersion.tool
        version = MUSEvalVersion.version
        self.track = track
        self.subset = subset
        self.command = command
        self.origin = origin
        self.inputs = inputs
        self.scoreFile = scoreFile
        self.adjustments = adjustments
        self.warnings = warnings
    }

    /// `folder/.<track>.provenance.json` for the score file `folder/<track>.json`.
    public static func url(for scoreFile: URL) -> URL {
        scoreFile.deletingLastPathComponent()
            .appendingPathComponent("." + scoreFile.deletingPathExtension().lastPathComponent + ".provenance.json")
    }

    /// The sidecar of `scoreFile`; nil when there is none or it cannot be decoded.
    public static func read(for scoreFile: URL) -> Provenance? {
        guard let data = try? Data(contentsOf: url(for: scoreFile)) else { return nil }
        return try? JSONDecoder().decode(Provenance.self, from: data)
    }

    /// Writes the sidecar of `scoreFile` atomically.
    public func write(for scoreFile: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(self)) + [0x0A], to: Self.url(for: scoreFile))
    }

    /// Deletes the score file and its sidecar (a result that no longer stands for its inputs).
    static func remove(scoreFile: URL) -> Bool {
        let manager = FileManager.default
        let existed = manager.fileExists(atPath: scoreFile.path)
        try? manager.removeItem(at: scoreFile)
        try? manager.removeItem(at: url(for: scoreFile))
        return existed && !manager.fileExists(atPath: scoreFile.path)
    }

    /// `<size>:<crc32 hex>` of the file's bytes (score files are small); nil when unreadable.
    public static func digest(of file: URL) -> String? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        let crc = data.withUnsafeBytes { raw -> UInt in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return CZlib.crc32(0, nil, 0) }
            return CZlib.crc32(CZlib.crc32(0, nil, 0), base, uInt(raw.count))
        }
        return "\(data.count):" + String(UInt32(crc), radix: 16)
    }
}
