import Checksum
import FileOutput
import Foundation
import ScoreFiles

/// The sidecar that records what produced a score file, so a rerun can tell whether the
/// file still stands for its inputs and settings, and whether a folder holds one method.
///
/// It lives beside the score file as `.<track>.provenance` (hidden, and not named `.json`:
/// museval's per-track JSON stays byte-identical, and no reader of `*.json` takes it for
/// scores. Python museval's `add_eval_dir` globs with pathlib, which matches hidden names
/// too, so a `.json` sidecar there broke `MethodStore` on our folders). Sidecars of older
/// versions, `.<track>.provenance.json`, are still read, and replaced when rewritten.
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

    /// `folder/.<track>.provenance` for the score file `folder/<track>.json`.
    public static func url(for scoreFile: URL) -> URL {
        scoreFile.deletingLastPathComponent()
            .appendingPathComponent("." + scoreFile.deletingPathExtension().lastPathComponent + ".provenance")
    }

    /// `folder/.<track>.provenance.json`, where versions up to 0.5.0 wrote the sidecar.
    static func legacyURL(for scoreFile: URL) -> URL {
        url(for: scoreFile).appendingPathExtension("json")
    }

    /// The sidecar of `scoreFile` (or an older version's); nil when there is none or it
    /// cannot be decoded.
    public static func read(for scoreFile: URL) -> Provenance? {
        guard
            let data = (try? Data(contentsOf: url(for: scoreFile)))
                ?? (try? Data(contentsOf: legacyURL(for: scoreFile)))
        else { return nil }
        return try? JSONDecoder().decode(Provenance.self, from: data)
    }

    /// Writes the sidecar of `scoreFile` atomically (and removes an older version's).
    public func write(for scoreFile: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(self)) + [0x0A], to: Self.url(for: scoreFile))
        let legacy = Self.legacyURL(for: scoreFile)
        if Self.isRegularFile(legacy) { unlink(legacy.path) }
    }

    private static func isRegularFile(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Deletes the score file and its sidecar (a result that no longer stands for its
    /// inputs). Only regular files are removed: a folder in the way is left alone.
    /// Returns whether a score file was removed.
    static func remove(scoreFile: URL) -> Bool {
        for sidecar in [url(for: scoreFile), legacyURL(for: scoreFile), TrackGlobalScores.url(for: scoreFile)]
        where isRegularFile(sidecar) {
            unlink(sidecar.path)
        }
        return isRegularFile(scoreFile) && unlink(scoreFile.path) == 0
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
