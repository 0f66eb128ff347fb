import MUSDB

/// This project's version as the provenance sidecars record it, and the Python museval
/// release whose numbers and score files it reproduces.
public enum MUSEvalVersion {
    /// The musdb-museval version (`ToolVersion.version`, the one copy of it).
    public static let version = ToolVersion.version
    /// The museval release the scores and JSON match number for number.
    public static let compatibility = "museval 0.4.1-compatible"
    /// `museval (musdb-museval 0.5.0, museval 0.4.1-compatible)`.
    public static let tool = "museval (musdb-museval \(version), \(compatibility))"
}
