import ScoreFiles

/// Which targets of a track are scored together, and in which order they are written, by
/// museval's `eval_mus_track` rules:
///
/// - targets follow the dataset order (vocals, drums, bass, other, accompaniment,
///   linear_mixture for MUSDB18; a mapped dataset's own targets otherwise); other names
///   are ignored;
/// - with both vocals and accompaniment, accompaniment leaves the main group and a separate
///   vocals-vs-accompaniment run is made; the vocals scores written are that run's, after
///   the main group's other targets;
/// - the main group is scored only with at least two targets.
struct TrackEvaluationPlan: Sendable, Equatable {
    /// Targets scored together in the main run (empty: no main run).
    var mainGroup: [String]
    /// `["vocals", "accompaniment"]` when both are present.
    var pairGroup: [String]?
    /// The targets in the order the score file lists them.
    var writtenTargets: [String]

    /// The plan for a track whose estimates cover `targets`; nil when museval would score
    /// nothing (fewer than two targets and no vocals/accompaniment pair).
    init?(targets: some Sequence<String>, order: [String] = TargetOrder.musdb) {
        let present = Set(targets)
        var group = order.filter { present.contains($0) }
        let hasPair = group.contains("vocals") && group.contains("accompaniment")
        if hasPair { group.removeAll { $0 == "accompaniment" } }
        mainGroup = group.count >= 2 ? group : []
        pairGroup = hasPair ? ["vocals", "accompaniment"] : nil
        writtenTargets = mainGroup.filter { !(hasPair && $0 == "vocals") } + (pairGroup ?? [])
        if writtenTargets.isEmpty { return nil }
    }

    /// The groups to run, main first.
    var groups: [[String]] {
        (mainGroup.isEmpty ? [] : [mainGroup]) + (pairGroup.map { [$0] } ?? [])
    }
}
