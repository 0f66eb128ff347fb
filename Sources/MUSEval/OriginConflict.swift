import Foundation
import ScoreFiles

/// A score file in an output folder that another method, other references or other
/// settings produced (or whose origin is unknown: no provenance sidecar, as Python museval
/// and older versions write them). A run refuses such a folder unless `--force`.
public struct OriginConflict: Equatable, Sendable {
    /// The score file.
    public var file: URL
    /// What produced it; nil when unknown.
    public var found: ScoreOrigin?

    /// The conflicts in `folders` (the folders a run writes score files to) with `origin`:
    /// every visible `*.json` file there whose sidecar records another origin, or that is a
    /// museval score file without a sidecar. Other JSON files are not scores and are left
    /// alone; hidden files are not looked at.
    public static func find(in folders: [URL], origin: ScoreOrigin) -> [OriginConflict] {
        var result = [OriginConflict]()
        for folder in Set(folders.map(\.standardizedFileURL)).sorted(by: { $0.path < $1.path }) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") && name.lowercased().hasSuffix(".json") {
                let file = folder.appendingPathComponent(name)
                if let conflict = check(file, origin: origin) { result.append(conflict) }
            }
        }
        return result
    }

    /// The conflict of one existing score file with `origin`, if any.
    public static func check(_ file: URL, origin: ScoreOrigin) -> OriginConflict? {
        if let provenance = Provenance.read(for: file) {
            return provenance.origin == origin ? nil : OriginConflict(file: file, found: provenance.origin)
        }
        guard (try? TrackScores(contentsOf: file)) != nil else { return nil }
        return OriginConflict(file: file, found: nil)
    }

    /// The refusal for `conflicts` (not empty) of a run of `origin` writing to `folder`.
    public static func refusal(_ conflicts: [OriginConflict], folder: URL, origin: ScoreOrigin) -> EvaluationError {
        let first = conflicts[0]
        let holds: String
        if let found = first.found {
            holds = "holds scores of \(found) (\(found.differences(from: origin).joined(separator: ", ")) differ)"
        } else {
            holds =
                "holds scores of unknown origin (no provenance sidecar: written by Python museval or an older version)"
        }
        return .foreignScores(
            folder: folder, count: conflicts.count, example: first.file, holds: holds,
            thisRun: origin.description)
    }
}
