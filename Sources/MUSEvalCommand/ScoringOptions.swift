import ArgumentParser
import MUSEval

/// The BSS Eval settings of `museval evaluate` and `museval dir`: window, hop and version,
/// museval's defaults (1 s, 1 s, v4).
struct ScoringOptions: ParsableArguments {
    // Numeric options take `.unconditional` parsing: a value may start with a minus sign,
    // so `-1` reaches the range check instead of being read as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Window length, in seconds.", valueName: "seconds"))
    var win: Double = 1.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Hop length, in seconds.", valueName: "seconds"))
    var hop: Double = 1.0

    @Option(
        name: [.customShort("m"), .customLong("mode")],
        help: "BSS Eval version: v4 (distortion filters once per track, museval's) or v3 (per frame).")
    var mode: EvaluationMode = .v4

    func validate() throws {
        guard win.isFinite, win > 0, hop.isFinite, hop > 0 else {
            throw ValidationError("--win and --hop must be positive numbers of seconds (got \(win) and \(hop))")
        }
    }

    /// The settings the scoring takes.
    var evaluationOptions: EvaluationOptions { EvaluationOptions(window: win, hop: hop, mode: mode) }
}
