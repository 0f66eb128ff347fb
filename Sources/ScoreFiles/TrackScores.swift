/// Everything museval stores for one track: the framewise scores of each target.
///
/// This is the value behind one `<subset>/<track>.json` file. museval takes the track name from
/// the file name (its stem), not from the file's content, so reading sets `track` that way.
public struct TrackScores: Hashable, Sendable {
    /// The museval version this package writes and claims parity with.
    public static let musevalVersion = "0.4.1"

    /// The track name, e.g. "AM Contra - Heart Peripheral".
    public var track: String
    /// The targets in evaluation order.
    public var targets: [TargetScores]
    /// The `museval_version` field; nil when the file had none (SiSEC 2018 files).
    public var musevalVersion: String?
    /// The subset folder the file was read from (`test`, `train`); nil for a file directly
    /// in its results folder or not read from one. Not part of museval's file.
    public var subset: String?
    /// The whole-track figures (global SDR, SI-SDR) and settings from the sidecar
    /// `.<track>.global`, when `museval` wrote one. Not part of museval's file.
    public var global: TrackGlobalScores?

    public init(
        track: String, targets: [TargetScores],
        musevalVersion: String? = TrackScores.musevalVersion, subset: String? = nil,
        global: TrackGlobalScores? = nil
    ) {
        self.track = track
        self.targets = targets
        self.musevalVersion = musevalVersion
        self.subset = subset
        self.global = global
    }

    /// The target named `name`, if scored.
    public subscript(target name: String) -> TargetScores? {
        targets.first { $0.name == name }
    }
}
