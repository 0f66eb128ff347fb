// bsseval-benchmark: scores raw float64 signals with the BSSEval kernel and writes the
// per-frame scores as JSON, for Benchmarks/bsseval_speed.py (which runs museval on the
// same files and compares). Usage:
//   BSSEvalBenchmark REFS.f64 ESTS.f64 SOURCES CHANNELS SAMPLES WINDOW HOP OUT.json [fast|reference] [threads]
// Each .f64 file holds SOURCES × CHANNELS × SAMPLES little-endian doubles, channel-major.
import BSSEval
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 9, let nsrc = Int(args[3]), let nchan = Int(args[4]), let n = Int(args[5]),
    let window = Int(args[6]), let hop = Int(args[7])
else {
    fail(
        "usage: BSSEvalBenchmark REFS.f64 ESTS.f64 SOURCES CHANNELS SAMPLES WINDOW HOP OUT.json [fast|reference] [threads]"
    )
}
let algorithm = args.count > 9 ? BSSEvalOptions.Algorithm(rawValue: args[9]) ?? .fast : .fast
let threads = args.count > 10 ? Int(args[10]) ?? 0 : 0

/// Reads one channel at a time straight into its array (no whole-file buffer).
func read(_ path: String) -> [[[Double]]] {
    guard let handle = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }
    defer { try? handle.close() }
    return (0..<nsrc).map { _ in
        (0..<nchan).map { _ in
            var channel = [Double](repeating: 0, count: n)
            channel.withUnsafeMutableBytes { out in
                var filled = 0
                while filled < out.count {
                    guard let chunk = try? handle.read(upToCount: min(1 << 24, out.count - filled)), !chunk.isEmpty
                    else {
                        fail("\(path) is shorter than \(nsrc)×\(nchan)×\(n) doubles")
                    }
                    chunk.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: out[filled..<(filled + chunk.count)]))
                    filled += chunk.count
                }
            }
            return channel
        }
    }
}

let start = Date()
let references = read(args[1])
let estimates = read(args[2])
let loaded = Date()
func peakResidentMegabytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    else { return 0 }
    return kb / 1024
}
let peakAfterLoading = peakResidentMegabytes()
let options = BSSEvalOptions(window: window, hop: hop, algorithm: algorithm, threadCount: threads)
let scores: BSSEvalScores
do {
    scores = try BSSEval.evaluate(references: references, estimates: estimates, options: options)
} catch {
    fail("\(error)")
}
let done = Date()
func encode(_ rows: [[Double]]) -> [[Any]] {
    rows.map {
        $0.map { $0.isNaN ? "NaN" as Any : $0.isInfinite ? ($0 > 0 ? "Infinity" : "-Infinity") as Any : $0 as Any }
    }
}
let json: [String: Any] = [
    "SDR": encode(scores.sdr), "ISR": encode(scores.isr), "SIR": encode(scores.sir), "SAR": encode(scores.sar),
    "load_seconds": loaded.timeIntervalSince(start), "evaluate_seconds": done.timeIntervalSince(loaded),
    "peak_mb_after_loading": peakAfterLoading, "peak_mb_after_evaluate": peakResidentMegabytes()
]
do {
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: args[8]))
} catch {
    fail("cannot write \(args[8]): \(error)")
}
