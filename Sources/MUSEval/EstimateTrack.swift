import Foundation
import ScoreFiles

/// The estimate files found for one track: one file per museval target, plus what could
/// not be used (two files for one target).
public struct EstimateTrack: Sendable, Equatable {
    /// The track name as the folder or file name spells it.
    public var name: String
    /// The subset folder, when the layout has one (`{subset}`).
    public var subset: String?
    /// museval target name → the estimate file.
    public var files: [String: URL]
    /// Targets with more than one candidate file (e.g. `vocals.wav` and `Vocals.flac`): the
    /// track cannot be scored until one is removed or `--layout` narrows the extension.
    public var conflicts: [String: [URL]]

    public init(name: String, subset: String? = nil, files: [String: URL] = [:], conflicts: [String: [URL]] = [:]) {
        self.name = name
        self.subset = subset
        self.files = files
        self.conflicts = conflicts
    }

    /// The targets found, in museval's evaluation order (other names last, sorted).
    public var targets: [String] {
        let known = TargetOrder.musdb.filter { files[$0] != nil }
        return known + files.keys.filter { !TargetOrder.musdb.contains($0) }.sorted()
    }
}
