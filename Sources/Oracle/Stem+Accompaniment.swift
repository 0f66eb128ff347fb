extension Stem {
    /// The sum of every stem except the one named `excluded` (by default "vocals"), in the
    /// order given, named "accompaniment": how sigsep's oracles make the accompaniment
    /// estimate (from the estimates, not by separating it). Nil when nothing is left.
    public static func accompaniment(
        of stems: [Stem], excluding excluded: String = "vocals",
        name: String = "accompaniment"
    ) -> Stem? {
        let parts = stems.filter { $0.name != excluded }
        guard var sum = parts.first?.channels else { return nil }
        for part in parts.dropFirst() {
            for c in sum.indices {
                for n in sum[c].indices { sum[c][n] += part.channels[c][n] }
            }
        }
        return Stem(name: name, channels: sum)
    }
}
