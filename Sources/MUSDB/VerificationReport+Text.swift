import Foundation

extension VerificationReport.TrackResult {
    /// `musdb verify`'s line: subset, name, frames and the mixture − Σ stems error
    /// (`exact`, in dB, or `-` when not measured).
    public var line: String {
        let error = mixtureErrorDB.map { $0 == -.infinity ? "exact" : String(format: "%.1f dB", $0) } ?? "-"
        let frames = frameCount.map(String.init) ?? "?"
        return subset.rawValue.padded(to: 6) + name.padded(to: 40) + " frames " + frames.rightAligned(to: 9)
            + "  mixture − Σ stems: " + error
    }
}
