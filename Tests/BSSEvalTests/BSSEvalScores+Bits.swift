@testable import BSSEval

extension BSSEvalScores {
    /// Every frame score, then nsdr and SI-SDR, as bit patterns: equal only when identical.
    var bitPatterns: [UInt64] {
        [sdr, isr, sir, sar].flatMap { $0.flatMap { $0.map(\.bitPattern) } } + (nsdr + siSDR).map(\.bitPattern)
    }
}
