/// One of the four BSS Eval image criteria museval scores every frame with.
public enum Metric: String, CaseIterable, Sendable, Hashable, Comparable {
    case sdr = "SDR"
    case sir = "SIR"
    case sar = "SAR"
    case isr = "ISR"

    /// The order museval writes a frame's metrics in: SDR, SIR, SAR, ISR.
    public static let jsonOrder: [Metric] = [.sdr, .sir, .sar, .isr]

    /// The order museval's long `df` lists them in (its `pd.melt` value_vars): SDR, SAR, ISR, SIR.
    public static let tableOrder: [Metric] = [.sdr, .sar, .isr, .sir]

    /// The metric named `name` ("SDR", "SIR", "SAR", "ISR"), or nil.
    public init?(name: String) { self.init(rawValue: name) }

    /// The upper-case name museval uses as JSON key and `metric` column value.
    public var name: String { rawValue }

    /// Sorted by name, as pandas sorts its group keys (ISR, SAR, SDR, SIR).
    public static func < (lhs: Metric, rhs: Metric) -> Bool { lhs.rawValue < rhs.rawValue }
}
