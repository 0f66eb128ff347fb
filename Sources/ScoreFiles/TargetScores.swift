/// The framewise scores of one target (e.g. "vocals") of one track.
public struct TargetScores: Hashable, Sendable {
    /// The target name as museval writes it: vocals, drums, bass, other, accompaniment, …
    public var name: String
    /// One entry per evaluation window, in time order.
    public var frames: [FrameScores]

    public init(name: String, frames: [FrameScores]) {
        self.name = name
        self.frames = frames
    }

    /// Builds the frames from the metric arrays the evaluation produces (one value per frame),
    /// as museval's `TrackStore.add_target` does: frame `t` gets `time = t × hop` and
    /// `duration = window` (both in seconds). All four arrays must have the same length.
    public init(
        name: String, sdr: [Double], sir: [Double], sar: [Double], isr: [Double],
        window: Double = 1, hop: Double = 1
    ) {
        precondition(
            sdr.count == sir.count && sdr.count == sar.count && sdr.count == isr.count,
            "TargetScores: SDR, SIR, SAR and ISR need one value per frame each")
        self.name = name
        self.frames = sdr.indices.map { t in
            FrameScores(
                time: Double(t) * hop, duration: window,
                sdr: sdr[t], sir: sir[t], sar: sar[t], isr: isr[t])
        }
    }

    /// The values of `metric`, one per frame.
    public func values(of metric: Metric) -> [Double] { frames.map { $0[metric] } }
}
