import Foundation

/// Analysis/synthesis windows for `stft` and `istft`.
public enum Window: Sendable, Equatable {
    /// The periodic Hann window (`scipy.signal.get_window("hann", n)`, librosa's default):
    /// periodic, not symmetric, so that overlapping copies at hop n/4 or n/2 sum to a constant.
    case hann
    /// All ones.
    case rectangular
    /// Explicit coefficients; their count must equal the FFT size.
    case custom([Double])

    /// The `count` coefficients of the window.
    public func coefficients(count: Int) -> [Double] {
        switch self {
        case .hann:
            return (0..<count).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(count)) }
        case .rectangular:
            return [Double](repeating: 1, count: count)
        case .custom(let values):
            precondition(values.count == count, "custom window has \(values.count) coefficients, not \(count)")
            return values
        }
    }
}
