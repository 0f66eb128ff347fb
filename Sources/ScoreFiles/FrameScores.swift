/// The four metrics of one evaluation window of one target, as one JSON frame holds them.
///
/// `time` and `duration` are in seconds. A metric is `Double.nan` when museval could not score
/// the frame (a silent reference or estimate); museval also writes ±∞ as `NaN`.
public struct FrameScores: Hashable, Sendable {
    public var time: Double
    public var duration: Double
    public var sdr: Double
    public var sir: Double
    public var sar: Double
    public var isr: Double

    public init(
        time: Double, duration: Double,
        sdr: Double, sir: Double, sar: Double, isr: Double
    ) {
        self.time = time
        self.duration = duration
        self.sdr = sdr
        self.sir = sir
        self.sar = sar
        self.isr = isr
    }

    /// The value of `metric` in this frame.
    public subscript(metric: Metric) -> Double {
        get {
            switch metric {
            case .sdr: return sdr
            case .sir: return sir
            case .sar: return sar
            case .isr: return isr
            }
        }
        set {
            switch metric {
            case .sdr: sdr = newValue
            case .sir: sir = newValue
            case .sar: sar = newValue
            case .isr: isr = newValue
            }
        }
    }

    /// NaN-aware equality: two NaN metrics compare equal (the synthesized `==` would not).
    public static func == (lhs: FrameScores, rhs: FrameScores) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return same(lhs.time, rhs.time) && same(lhs.duration, rhs.duration)
            && same(lhs.sdr, rhs.sdr) && same(lhs.sir, rhs.sir)
            && same(lhs.sar, rhs.sar) && same(lhs.isr, rhs.isr)
    }

    public func hash(into hasher: inout Hasher) {
        for value in [time, duration, sdr, sir, sar, isr] {
            hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
        }
    }
}
