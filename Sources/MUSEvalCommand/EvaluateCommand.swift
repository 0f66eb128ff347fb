import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import MUSDB
import MUSEval

/// `museval ESTIMATES_DIR --musdb ROOT`: the drop-in for Python museval's `museval` command.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a separator's output folder against MUSDB18 (one JSON file per track).",
        discussion: """
            Scores every dataset track that has estimates with museval 0.4.1's rules and writes \
            OUTPUT_DIR/<subset>/<track>.json. The folder layout is detected (museval, Demucs, \
            Spleeter, Open-Unmix, UVR) and explained, or given with --layout. Estimates at another \
            sample rate are resampled, mono is duplicated to stereo, lengths are padded or truncated; \
            each change is reported. A track that cannot be scored is reported and the others go on; \
            the exit status is 1 when any track failed. Each JSON gets a hidden provenance sidecar \
            (OUTPUT_DIR/<subset>/.<track>.provenance.json: tool version, estimates folder, settings, \
            every input's size, mtime and hash, warnings). A rerun skips tracks whose inputs and \
            settings are unchanged (repeating their warnings) and rescores the others; it refuses an \
            output folder holding scores of another estimates folder, dataset or setting, or of unknown \
            origin (Python museval, older versions), before scoring anything. --force rescores everything \
            and replaces them.

            Examples:
              museval separated/htdemucs --musdb ~/MUSDB18-HQ --is-wav -o scores
              museval estimates --musdb ~/MUSDB18 --subsets test --jobs 2
              museval out --musdb ~/MUSDB18-HQ --is-wav --layout '{track}/{target}.flac' --target-map lead=vocals
            """)

    @Argument(help: "The separator's output folder.")
    var estimatesDir: String

    @Option(name: .customLong("musdb"), help: "The MUSDB18 root (default: $MUSDB_PATH).")
    var musdbRoot: String?

    @Flag(name: .customLong("is-wav"), help: "The dataset is MUSDB18-HQ (WAV folders), not .stem.mp4 files.")
    var isWav = false

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "Where the JSON files go (default: the estimates folder, as museval does). Never inside the dataset.")
    var outputDir: String?

    @Option(help: "Subsets to score, comma-separated: train, test (default: both).")
    var subsets: String = "train,test"

    @Option(help: "Window length in seconds.")
    var win: Double = 1.0

    @Option(help: "Hop length in seconds.")
    var hop: Double = 1.0

    @Option(name: [.customShort("m"), .customLong("mode")], help: "BSS Eval version: v4 or v3.")
    var mode: String = "v4"

    @Option(help: "Tracks scored in parallel.")
    var jobs: Int = 1

    @Option(
        help: """
            The folder layout: a preset (\(LayoutPreset.allCases.map(\.rawValue).joined(separator: ", "))) \
            or a pattern with {subset}, {track}, {target}, {model}, e.g. '{track}/{target}.wav' (default: detected).
            """)
    var layout: String?

    @Option(help: "More target names, e.g. 'lead=vocals,backing=accompaniment'.")
    var targetMap: String?

    @Flag(help: "Rescore every track, replacing score files of another origin (estimates folder, dataset, settings).")
    var force = false

    func validate() throws {
        guard win > 0, hop > 0 else { throw ValidationError("--win and --hop must be positive") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard EvaluationMode(rawValue: mode) != nil else { throw ValidationError("--mode must be v4 or v3") }
    }

    func run() async throws {
        let aliases = try TargetAliases(parsing: targetMap ?? "")
        let estimates = URL(fileURLWithPath: estimatesDir)
        let discovery = try EstimateDiscovery.discover(
            in: estimates, layout: try Self.layout(from: layout),
            aliases: aliases)
        printError("layout: \(discovery.explanation)")
        let subsetList = try Subset.list(parsing: subsets)
        let database = try Database(root: musdbRoot.map { URL(fileURLWithPath: $0) }, subsets: subsetList, isWav: isWav)
        // Reference tracks that could not be indexed are not scored: say so, and fail.
        for problem in database.problems { printError("error: \(problem)") }
        let output = outputDir.map { URL(fileURLWithPath: $0) } ?? estimates
        try OutputFolder.validate(output) // a file given as -o fails now, not after scoring
        let options = EvaluationOptions(window: win, hop: hop, mode: EvaluationMode(rawValue: mode)!)
        let plan = try DatasetEvaluation(database: database, discovery: discovery, output: output, options: options)
        for note in plan.notes { printError("warning: \(note)") }

        let bar = ProgressBar(total: plan.jobs.count, label: "scoring")
        let report: BatchReport
        do {
            report = try await BatchEvaluator(jobs: jobs, force: force).run(plan.jobs) { outcome in
                for adjustment in outcome.adjustments { bar.log("warning: \(adjustment)") }
                if let failure = outcome.failure { bar.log("error: \(outcome.subset)/\(outcome.track): \(failure)") }
                bar.advance(item: outcome.track)
            }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        printError(report.summary)
        if !report.succeeded || !database.problems.isEmpty { throw ExitCode(1) }
    }

    /// A preset name or a pattern; nil detects.
    static func layout(from text: String?) throws -> EstimateLayout? {
        guard let text else { return nil }
        if let preset = LayoutPreset(name: text) { return preset.layout }
        guard text.contains("{") else {
            throw ValidationError(
                "--layout: '\(text)' is neither a preset (\(LayoutPreset.allCases.map(\.rawValue).joined(separator: ", "))) nor a pattern with {track} and {target}"
            )
        }
        return try EstimateLayout(pattern: text)
    }
}
