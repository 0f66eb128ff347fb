/// Window, hop and version of an evaluation, in museval's units (seconds).
public struct EvaluationOptions: Sendable, Equatable {
    /// Window length in seconds (museval default 1).
    public var window: Double
    /// Hop in seconds (museval default 1).
    public var hop: Double
    /// BSS Eval version.
    public var mode: EvaluationMode

    public init(window: Double = 1, hop: Double = 1, mode: EvaluationMode = .v4) {
        self.window = window
        self.hop = hop
        self.mode = mode
    }

    /// Samples per window at `rate`, truncated as museval's `int(win * rate)`.
    public func windowSamples(at rate: Int) -> Int { Int(window * Double(rate)) }
    /// Samples per hop at `rate`, truncated as museval's `int(hop * rate)`.
    public func hopSamples(at rate: Int) -> Int { Int(hop * Double(rate)) }
}
