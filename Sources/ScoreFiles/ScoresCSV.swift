import FileOutput
import Foundation

/// The long table of every frame score, one row per (method, track, target, metric, frame):
/// the columns and row order of museval's `MethodStore.df`, so
/// `pandas.read_csv(path)` gives the same frame as museval's in-memory one.
public enum ScoresCSV {
    /// museval's `df` columns, in its order.
    public static let header = ["time", "target", "metric", "score", "track", "method"]

    /// The CSV text: floats as Python prints them, NaN as an empty field (as pandas writes it),
    /// fields quoted when they hold a comma, quote or line break.
    public static func text(for methods: [MethodScores]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for method in methods {
            let methodField = field(method.name)
            for track in method.tracks {
                let trackField = field(track.track)
                // museval melts each track's frame table: metric-major, then targets, then frames.
                for metric in Metric.tableOrder {
                    for target in track.targets {
                        let prefix = "," + field(target.name) + "," + metric.name + ","
                        let suffix = "," + trackField + "," + methodField + "\n"
                        for frame in target.frames {
                            out += number(frame.time) + prefix + number(frame[metric]) + suffix
                        }
                    }
                }
            }
        }
        return out
    }

    /// Writes the CSV to `url` atomically.
    public static func write(_ methods: [MethodScores], to url: URL) throws {
        try write(methods, to: .file(url))
    }

    /// Writes the CSV to `destination`: standard output, or a file replaced atomically.
    public static func write(_ methods: [MethodScores], to destination: OutputDestination) throws {
        try ScoresFileError.mappingWrite { try destination.write(text(for: methods)) }
    }

    private static func number(_ x: Double) -> String { x.isNaN ? "" : PythonFloatFormat.repr(x) }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
