/// What a leaderboard table's rows are.
public enum TableRows: String, CaseIterable, Sendable, Hashable {
    /// One row per target and metric, one column per method (narrow for a few methods).
    case targets
    /// One row per method, one column per target and metric (what papers print, and narrow
    /// for many methods).
    case methods
    /// `targets` up to four methods, `methods` beyond.
    case auto

    /// The rows for `methodCount` methods, `auto` resolved.
    public func resolved(methodCount: Int) -> TableRows {
        self == .auto ? (methodCount <= 4 ? .targets : .methods) : self
    }
}
