/// What `DatasetVerifier` checked and found.
public struct VerificationReport: Sendable, Equatable {
    /// Per-track measurements.
    public struct TrackResult: Sendable, Equatable {
        public var name: String
        public var subset: Subset
        /// Frames of the mixture (nil when unreadable).
        public var frameCount: Int?
        /// Energy of (mixture − Σ stems) relative to the mixture, in dB; −∞ when exact,
        /// nil when not measured.
        public var mixtureErrorDB: Double?
    }

    /// The tracks that were checked.
    public var tracks: [TrackResult] = []
    /// Everything wrong, in the order found.
    public var problems: [VerificationProblem] = []

    /// True when nothing is wrong.
    public var isClean: Bool { problems.isEmpty }
}
