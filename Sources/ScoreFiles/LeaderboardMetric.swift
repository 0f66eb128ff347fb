/// A number a leaderboard can show per method and target, each named as the community names
/// it. The four BSS Eval metrics follow the leaderboard's frame and track aggregation
/// (museval's median over frames, then median over tracks: SiSEC's "median of medians").
public enum LeaderboardMetric: String, CaseIterable, Sendable, Hashable {
    case sdr = "SDR"
    case sir = "SIR"
    case sar = "SAR"
    case isr = "ISR"
    /// The mean over tracks of the per-track median SDR ("mean of medians", what Demucs
    /// reports as `sdr`).
    case sdrMeanOfMedians = "SDR-mean"
    /// The MDX/SDX global SDR ("uSDR"): per track one SDR over the whole signal with
    /// ε = 1e-7, then the mean over tracks. Needs the `.global` sidecars.
    case globalSDR = "uSDR"
    /// The mean over tracks of the whole-track SI-SDR. Needs the sidecars.
    case siSDR = "SI-SDR"

    /// The metrics shown by default: the four BSS Eval metrics.
    public static let standard: [LeaderboardMetric] = [.sdr, .sir, .sar, .isr]

    /// The BSS Eval metric behind a frame-based figure; nil for the whole-track figures.
    public var frameMetric: Metric? {
        switch self {
        case .sdr, .sdrMeanOfMedians: return .sdr
        case .sir: return .sir
        case .sar: return .sar
        case .isr: return .isr
        case .globalSDR, .siSDR: return nil
        }
    }

    /// How the number is computed, in words (table footnotes, the report, the JSON).
    public func definition(frames: Aggregation, tracks: Aggregation) -> String {
        switch self {
        case .sdr, .sir, .sar, .isr:
            return "\(rawValue): museval \(rawValue), \(frames.rawValue) over 1 s frames (NaN frames skipped), "
                + "then \(tracks.rawValue) over tracks"
        case .sdrMeanOfMedians:
            return "SDR-mean: the mean over tracks of the per-track median SDR (mean of medians)"
        case .globalSDR:
            return "uSDR: global SDR, 10·log10((Σs²+ε)/(Σ(s−ŝ)²+ε)) with ε = 1e-7 per track over the whole "
                + "signal, mean over tracks (MDX/SDX, Demucs nsdr)"
        case .siSDR:
            return "SI-SDR: scale-invariant SDR per track over the whole signal, mean over tracks"
        }
    }
}
