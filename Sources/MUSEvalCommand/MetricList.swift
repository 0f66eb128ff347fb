import ArgumentParser
import Foundation
import ScoreFiles

/// The value of `--metrics`: leaderboard metrics, comma-separated, in the order given
/// (`SDR,SIR`; any case).
struct MetricList: ExpressibleByArgument {
    var metrics: [LeaderboardMetric]

    init?(argument: String) {
        var metrics: [LeaderboardMetric] = []
        for name in argument.split(separator: ",") {
            let word = name.trimmingCharacters(in: .whitespaces).uppercased()
            guard let metric = LeaderboardMetric.allCases.first(where: { $0.rawValue.uppercased() == word }) else {
                return nil
            }
            if !metrics.contains(metric) { metrics.append(metric) }
        }
        guard !metrics.isEmpty else { return nil }
        self.metrics = metrics
    }

    static var allValueStrings: [String] { LeaderboardMetric.allCases.map(\.rawValue) }
}
