import CSampleRate

/// libsamplerate's converters, best (slowest) first.
public enum ResamplingQuality: String, Sendable, CaseIterable, Codable {
    /// `SRC_SINC_BEST_QUALITY`: band-limited sinc, 97 dB SNR, 97 % bandwidth.
    case best
    /// `SRC_SINC_MEDIUM_QUALITY`.
    case medium
    /// `SRC_SINC_FASTEST`.
    case fastest
    /// `SRC_ZERO_ORDER_HOLD` (not band-limited; for tests and control signals).
    case zeroOrderHold
    /// `SRC_LINEAR` (not band-limited).
    case linear

    var converterType: Int32 {
        switch self {
        case .best: return Int32(SRC_SINC_BEST_QUALITY)
        case .medium: return Int32(SRC_SINC_MEDIUM_QUALITY)
        case .fastest: return Int32(SRC_SINC_FASTEST)
        case .zeroOrderHold: return Int32(SRC_ZERO_ORDER_HOLD)
        case .linear: return Int32(SRC_LINEAR)
        }
    }
}
