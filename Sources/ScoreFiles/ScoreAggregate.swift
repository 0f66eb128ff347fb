/// One number of a leaderboard: a method's score for one target and metric, aggregated over
/// frames and then tracks, with the counts behind it.
public struct ScoreAggregate: Hashable, Sendable {
    public var method: String
    public var target: String
    public var metric: Metric
    /// The aggregate; NaN when no track had a scorable frame.
    public var value: Double
    /// Tracks that have this target.
    public var trackCount: Int
    /// Tracks whose frame aggregate is a number (the others are skipped in the track step).
    public var scoredTrackCount: Int
    /// Frames over all those tracks.
    public var frameCount: Int
    /// Frames whose value is NaN (silent reference or estimate; skipped in the frame step).
    public var nanFrameCount: Int

    public init(
        method: String, target: String, metric: Metric, value: Double, trackCount: Int,
        scoredTrackCount: Int, frameCount: Int, nanFrameCount: Int
    ) {
        self.method = method
        self.target = target
        self.metric = metric
        self.value = value
        self.trackCount = trackCount
        self.scoredTrackCount = scoredTrackCount
        self.frameCount = frameCount
        self.nanFrameCount = nanFrameCount
    }

    public static func == (lhs: ScoreAggregate, rhs: ScoreAggregate) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.metric == rhs.metric
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
            && lhs.trackCount == rhs.trackCount && lhs.scoredTrackCount == rhs.scoredTrackCount
            && lhs.frameCount == rhs.frameCount && lhs.nanFrameCount == rhs.nanFrameCount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method); hasher.combine(target); hasher.combine(metric)
        hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
    }
}
