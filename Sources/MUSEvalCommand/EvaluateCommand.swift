import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import MUSDB
import MUSEval

/// `museval ESTIMATES_DIR --root ROOT`: the drop-in for Python museval's `museval` command.
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
            (OUTPUT_DIR/<subset>/.<track>.provenance: tool version, estimates folder, settings, \
            every input's size, mtime and hash, warnings). A rerun skips tracks whose inputs and \
            settings are unchanged (repeating their warnings) and rescores the others; it refuses an \
            output folder holding scores of another estimates folder, dataset or setting, or of unknown \
            origin (Python museval, older versions), before scoring anything. --force rescores everything \
            and replaces them.

            `evaluate` is the default subcommand: `museval ESTIMATES_DIR …` is `museval evaluate ESTIMATES_DIR …`.

            Examples:
              museval separated/htdemucs --root ~/MUSDB18-HQ --is-wav -o scores
              museval estimates --root ~/MUSDB18 --subsets test --jobs 2
              museval out --root ~/MUSDB18-HQ --is-wav --layout '{track}/{target}.flac' --target-map lead=vocals
            """)

    @Argument(help: ArgumentHelp("The separator's output folder.", valueName: "estimates-dir"))
    var estimatesDir: String

    @OptionGroup var dataset: DatasetOptions

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp(
            "Where the JSON files go (default: the estimates folder, as museval does). Never inside the dataset.",
            valueName: "output-dir"))
    var outputDir: String?

    @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to score"))
    var subsets: [SubsetSelection] = [.all]

    @OptionGroup var scoring: ScoringOptions

    @OptionGroup var parallel: ParallelOptions

    // A pattern can be wrong in several ways: the library's parser says which.
    @Option(
        help: ArgumentHelp(
            """
            The folder layout: a preset (\(LayoutPreset.allCases.map(\.rawValue).joined(separator: ", "))) \
            or a pattern with {subset}, {track}, {target}, {model}, e.g. '{track}/{target}.wav' (default: detected).
            """, valueName: "preset|pattern"), transform: EstimateLayout.init(parsing:))
    var layout: EstimateLayout?

    @Option(
        help: ArgumentHelp(
            "More target names, e.g. 'lead=vocals,backing=accompaniment'.",
            valueName: "alias=target,…"), transform: TargetAliases.init(parsing:))
    var targetMap: TargetAliases?

    @Flag(help: "Rescore every track, replacing score files of another origin (estimates folder, dataset, settings).")
    var force = false

    func run() async throws {
        let estimates = URL(fileURLWithPath: estimatesDir)
        let database = try dataset.database(subsets: SubsetSelection.merged(subsets))
        // A mapped dataset's extra targets (guitar, piano) are estimate names too.
        let aliases = (targetMap ?? .standard).knowing(targets: database.tracks.flatMap { $0.targets.map(\.name) })
        let discovery = try EstimateDiscovery.discover(in: estimates, layout: layout, aliases: aliases)
        printError("layout: \(discovery.explanation)")
        // Reference tracks that could not be indexed are not scored: say so, and fail.
        for problem in database.problems { printError("error: \(problem)") }
        let output = outputDir.map { URL(fileURLWithPath: $0) } ?? estimates
        try OutputFolder.validate(output) // a file given as -o fails now, not after scoring
        let plan = try DatasetEvaluation(
            database: database, discovery: discovery, output: output,
            options: scoring.evaluationOptions)
        for note in plan.notes { printError("warning: \(note)") }

        let bar = ProgressBar(total: plan.jobs.count, label: "scoring")
        let report: BatchReport
        do {
            report = try await BatchEvaluator(jobs: parallel.jobs, force: force).run(plan.jobs) { outcome in
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
}
