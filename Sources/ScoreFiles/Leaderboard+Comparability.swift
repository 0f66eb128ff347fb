extension Leaderboard {
    /// What makes these methods' numbers not comparable: settings (window, hop, mode) that
    /// differ between methods or within one, different track sets, different subsets. A mode
    /// is only known from our sidecars; an unknown mode is no issue by itself (museval's files
    /// and SiSEC 2018's do not record it, and museval's default is v4).
    public var comparabilityIssues: [ComparabilityIssue] {
        var issues: [ComparabilityIssue] = []
        func folder(_ entry: Entry) -> String { entry.folder.map { "\(entry.method) (\($0))" } ?? entry.method }
        for entry in entries where entry.setups.count > 1 {
            issues.append(
                ComparabilityIssue(
                    kind: .settings,
                    message: "\(folder(entry)) mixes tracks scored with different settings: "
                        + entry.setups.map(\.description).joined(separator: "; ")))
        }
        func differing<T: Hashable>(_ what: String, _ key: (ScoringSetup) -> T?, _ show: (T) -> String) {
            var byValue: [T: [String]] = [:]
            var order: [T] = []
            for entry in entries {
                for value in Set(entry.setups.compactMap(key)) {
                    if byValue[value] == nil { order.append(value) }
                    byValue[value, default: []].append(entry.method)
                }
            }
            guard order.count > 1 else { return }
            let groups = order.map { "\(show($0)): " + (byValue[$0] ?? []).joined(separator: ", ") }
            issues.append(
                ComparabilityIssue(kind: .settings, message: "\(what) differs: " + groups.joined(separator: "; ")))
        }
        differing("the window", \.window) { PythonFloatFormat.repr($0) + " s" }
        differing("the hop", \.hop) { PythonFloatFormat.repr($0) + " s" }
        differing("the BSS Eval mode", \.mode) { $0 }

        let subsetSets = entries.map { Set($0.subsets.map(\.subset)) }
        if Set(subsetSets).count > 1 {
            issues.append(
                ComparabilityIssue(
                    kind: .subsets,
                    message: "the subsets differ: "
                        + entries.map { "\($0.method) " + $0.subsets.map(\.subset).joined(separator: "+") }
                        .joined(separator: ", ")))
        }
        let trackSets = entries.map { Set($0.trackNames) }
        if Set(trackSets).count > 1 {
            let all = trackSets.reduce(Set<String>()) { $0.union($1) }
            let common = trackSets.reduce(all) { $0.intersection($1) }
            issues.append(
                ComparabilityIssue(
                    kind: .tracks,
                    message: "the track sets differ ("
                        + entries.map { "\($0.method) \($0.trackCount)" }.joined(separator: ", ")
                        + "; \(common.count) tracks in common): --common-tracks ranks them on those"))
        }
        return issues
    }

    /// Throws when the methods are not comparable (`--strict`).
    ///
    /// - Throws: `LeaderboardError.notComparable` listing every issue.
    public func requireComparable() throws(LeaderboardError) {
        let issues = comparabilityIssues
        guard issues.isEmpty else { throw .notComparable(issues) }
    }
}
