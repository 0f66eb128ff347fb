/// MUSDB's target order, used to list targets the way people expect to read them.
public enum TargetOrder {
    /// vocals, drums, bass, other, accompaniment, linear_mixture.
    public static let musdb = ["vocals", "drums", "bass", "other", "accompaniment", "linear_mixture"]
    /// The four targets the leaderboard ranks by.
    public static let ranking = ["vocals", "drums", "bass", "other"]

    /// `names` in MUSDB order, unknown names after them alphabetically.
    public static func sorted<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        names.sorted { a, b in
            let i = musdb.firstIndex(of: a) ?? musdb.count
            let j = musdb.firstIndex(of: b) ?? musdb.count
            return i != j ? i < j : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }
}
