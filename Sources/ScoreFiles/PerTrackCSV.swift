import FileOutput
import Foundation

/// The per-track table, one row per method × track × target × metric: the track's frame
/// aggregate of each BSS Eval metric (the step before the track aggregation), and the
/// whole-track uSDR and SI-SDR where a sidecar has them. The long shape pandas users pivot:
/// `df.pivot_table(index="track", columns="method", values="value")`.
public enum PerTrackCSV {
    public static let header = ["method", "subset", "track", "target", "metric", "value"]

    /// The CSV text: floats as Python prints them, NaN as an empty field.
    public static func text(for methods: [MethodScores], frames: Aggregation = .median) -> String {
        var out = header.joined(separator: ",") + "\n"
        for method in methods {
            for track in method.tracks {
                let prefix = [method.name, track.subset ?? "", track.track].map(LeaderboardTable.csvField)
                    .joined(separator: ",")
                for target in track.targets {
                    var values: [(String, Double)] = Metric.jsonOrder.map { metric in
                        (metric.name, frames(target.frames.lazy.map { $0[metric] }))
                    }
                    if let figures = track.global?[target: target.name] {
                        values += [
                            (LeaderboardMetric.globalSDR.rawValue, figures.globalSDR),
                            (LeaderboardMetric.siSDR.rawValue, figures.siSDR)
                        ]
                    }
                    for (metric, value) in values {
                        out += prefix + "," + LeaderboardTable.csvField(target.name) + "," + metric + ","
                        out += (value.isNaN ? "" : PythonFloatFormat.repr(value)) + "\n"
                    }
                }
            }
        }
        return out
    }

    /// Writes the CSV to `destination`: standard output, or a file replaced atomically.
    public static func write(
        _ methods: [MethodScores], frames: Aggregation = .median, to destination: OutputDestination
    )
        throws
    {
        try ScoresFileError.mappingWrite { try destination.write(text(for: methods, frames: frames)) }
    }
}
