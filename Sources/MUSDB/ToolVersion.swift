/// The musdb-museval release: the one copy of the version both commands print with
/// `--version` and the score files' provenance records.
public enum ToolVersion {
    /// The musdb-museval version.
    public static let version = "0.5.0"
}
