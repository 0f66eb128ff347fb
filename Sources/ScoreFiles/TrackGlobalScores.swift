/// The whole-track figures of one scored track that museval's per-track JSON has no place
/// for: per target the global SDR (the MDX/SDX challenges' "uSDR") and SI-SDR, with the
/// settings the track was scored with. Written by `museval` beside each score file as the
/// hidden sidecar `.<track>.global` (format `museval-global-scores/1`, see the module
/// README), so the score file itself stays byte for byte museval's; read back by
/// `ResultsFolder` into `TrackScores.global`.
public struct TrackGlobalScores: Hashable, Sendable {
    /// The file format named in every sidecar.
    public static let format = "museval-global-scores/1"
    /// The ε of the global SDR, as Demucs' `nsdr` and the Music Demixing Challenge use it:
    /// 10·log10((Σ s² + ε) / (Σ (s − ŝ)² + ε)).
    public static let epsilon = 1e-7

    /// One target's whole-track figures.
    public struct Target: Hashable, Sendable {
        /// The target name, as in the score file.
        public var name: String
        /// The frames the score file holds for this target: a sidecar whose counts differ from
        /// its score file's belongs to another scoring and is not used.
        public var frameCount: Int
        /// 10·log10((Σ s² + ε) / (Σ (s − ŝ)² + ε)) over all samples and channels, in dB.
        public var globalSDR: Double
        /// Scale-invariant SDR over the whole track, channels concatenated, in dB; +∞ for a
        /// perfect estimate.
        public var siSDR: Double

        public init(name: String, frameCount: Int, globalSDR: Double, siSDR: Double) {
            self.name = name
            self.frameCount = frameCount
            self.globalSDR = globalSDR
            self.siSDR = siSDR
        }

        /// NaN-aware equality (two NaN figures compare equal).
        public static func == (lhs: Target, rhs: Target) -> Bool {
            func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
            return lhs.name == rhs.name && lhs.frameCount == rhs.frameCount
                && same(lhs.globalSDR, rhs.globalSDR) && same(lhs.siSDR, rhs.siSDR)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(frameCount)
        }
    }

    /// The track name (the score file's stem).
    public var track: String
    /// The settings the track was scored with.
    public var setup: ScoringSetup
    /// The targets, in the score file's order.
    public var targets: [Target]

    public init(track: String, setup: ScoringSetup, targets: [Target]) {
        self.track = track
        self.setup = setup
        self.targets = targets
    }

    /// The figures of `name`, if the sidecar has that target.
    public subscript(target name: String) -> Target? {
        targets.first { $0.name == name }
    }

    /// Whether this sidecar describes `scores`: the same targets with the same frame counts.
    public func describes(_ scores: TrackScores) -> Bool {
        targets.count == scores.targets.count
            && zip(targets, scores.targets).allSatisfy { $0.name == $1.name && $0.frameCount == $1.frames.count }
    }
}
