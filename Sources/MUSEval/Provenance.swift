import Checksum
import FileOutput
import Foundation
import ScoreFiles

/// The sidecar that records what produced a score file, so a rerun can tell whether the
/// file still stands for its inputs and settings, and whether a folder holds one method.
///
/// It lives beside the score file as `.<track>.provenance.json` (hidden: museval's
/// per-track JSON stays byte-identical, and `ResultsFolder`, `museval aggregate` and
/// Python museval, which read `*.json` but skip hidden names, never take it for scores).
/// The sidecar is written first and names the digest of the score file's bytes; the score
/// file is trusted only when its bytes match, so a run killed between the two writes
/// leaves a track that is rescored, in a folder still known to be of this origin.
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

    public init(
        track: String, subset: String?, command: String, origin: ScoreOrigin, inputs: [InputFingerprint],
        scoreFile: String, adjustments: [String], warnings: [String] = []
    ) {
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

    /// Deletes the score file and its sidecar (a result that no longer stands for its
    /// inputs). Only regular files are removed: a folder in the way is left alone.
    /// Returns whether a score file was removed.
    static func remove(scoreFile: URL) -> Bool {
        func isFile(_ url: URL) -> Bool {
            var info = stat()
            return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }
        let sidecar = url(for: scoreFile)
        if isFile(sidecar) { unlink(sidecar.path) }
        if isFile(TrackGlobalScores.url(for: scoreFile)) { unlink(TrackGlobalScores.url(for: scoreFile).path) }
        return isFile(scoreFile) && unlink(scoreFile.path) == 0
    }

    /// `<size>:<crc32 hex>` of the file's bytes (score files are small); nil when unreadable.
    public static func digest(of file: URL) -> String? {
        (try? Data(contentsOf: file)).map(digest(of:))
    }

    /// `<size>:<crc32 hex>` of `data`.
    public static func digest(of data: Data) -> String {
        "\(data.count):" + String(CRC32.checksum(of: data), radix: 16)
    }
}
