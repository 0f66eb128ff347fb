import ArgumentParser
import Audio
import Augmentation
import CommandSupport
import Foundation
import MUSDB

/// `musdb augment`: writes a reproducible augmented training set in the MUSDB18-HQ layout.
struct AugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Write a reproducible augmented training set (swap, gain, remix, pitch shift, time stretch).",
        discussion: """
            Writes OUT/train/<Augmented - NNNNNN>/{mixture,vocals,drums,bass,other}.wav (the \
            MUSDB18-HQ layout: read it back with `musdb list --root OUT --is-wav`; --format flac \
            needs --allow-flac, since neither that nor Python musdb reads FLAC stems), \
            OUT/manifest.jsonl (one line per example: source tracks, offsets, every drawn \
            parameter, the clipping factor, a CRC-32 per file) and OUT/augment.json (the settings).

            The mixture is the exact sample-wise sum of the stems as stored. The same seed and \
            settings give byte-identical files whatever --jobs is. Rerunning resumes: complete \
            examples whose checksums match are kept; --only-example N regenerates one example.

            Every selected track's stems are checked first (present, readable, the mixture's \
            rate, channel count and length); a track that fails is reported and left out of the \
            set. An example whose excerpt holds NaN or infinite samples fails alone (nothing of it \
            is written). Either makes the exit status 1; the manifest lists the complete examples.

            Settings come from --recipe FILE.json (keys as in OUT/augment.json's "recipe", e.g. \
            {"gainMin": 0.5, "remix": "random"}), then from the flags given, which win; each \
            flag's default below is the built-in recipe's.

            Example:
              musdb augment --root ~/MUSDB18-HQ --is-wav --subsets train --split train -o augmented --jobs 2
            """)

    /// The built-in recipe, whose settings the help shows as defaults.
    private static let defaults = Recipe()

    /// The help of a recipe setting: `what` it is, then its `value` in the built-in recipe.
    private static func help(_ what: String, default value: Any, _ valueName: String) -> ArgumentHelp {
        let shown = (value as? Double).map { String(format: "%g", $0) } ?? "\(value)"
        return ArgumentHelp("\(what) (default: \(shown)).", valueName: valueName)
    }

    @OptionGroup var dataset: DatasetOptions

    @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to draw the examples from"))
    var subsets: [SubsetSelection] = [.train]

    @Option(
        help: ArgumentHelp(
            "With --subsets train only: the training (train) or validation (valid) tracks.", valueName: "split"))
    var split: Split?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "The folder to write (not inside the dataset root).",
            valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("A JSON recipe with the settings below (flags given win).", valueName: "file.json"))
    var recipe: String?

    // Numeric options take `.unconditional` parsing: a value may start with a minus sign,
    // so `-1` reaches the range check instead of being read as a missing value.
    @Option(parsing: .unconditional, help: help("Examples per track", default: defaults.examplesPerTrack, "n"))
    var examplesPerTrack: Int?
    @Option(
        parsing: .unconditional,
        help: help(
            "Excerpt length, in seconds; 0 takes whole tracks",
            default: defaults.duration ?? 0, "seconds"))
    var duration: Double?
    @Option(parsing: .unconditional, help: help("Seed of every random draw", default: defaults.seed, "n"))
    var seed: UInt64?
    @Option(
        help: help(
            "Sources to write beside the mixture, comma-separated",
            default: defaults.sources.joined(separator: ","), "list"))
    var sources: String?
    @Option(
        parsing: .unconditional,
        help: help("Smallest per-source gain, a linear factor", default: defaults.gainMin, "gain"))
    var gainMin: Double?
    @Option(
        parsing: .unconditional,
        help: help("Largest per-source gain, a linear factor", default: defaults.gainMax, "gain"))
    var gainMax: Double?
    @Option(
        parsing: .unconditional,
        help: help(
            "Probability of swapping left and right, per source, 0…1",
            default: defaults.swapProbability, "p"))
    var swapProbability: Double?
    @Option(
        parsing: .unconditional,
        help: help(
            "Probability of flipping the sign, per source, 0…1",
            default: defaults.signFlipProbability, "p"))
    var signFlipProbability: Double?
    @Option(
        help: help(
            "Cross-track remix: random takes each source from its own track and offset, shuffle (Demucs) "
                + "within groups of examples", default: defaults.remix.rawValue, "mode"))
    var remix: Recipe.Remix?
    @Option(parsing: .unconditional, help: help("Group size of --remix shuffle", default: defaults.remixGroupSize, "n"))
    var remixGroupSize: Int?
    @Option(
        parsing: .unconditional,
        help: help(
            "Probability of a pitch/tempo change per example, 0…1",
            default: defaults.repitchProbability, "p"))
    var repitchProbability: Double?
    @Option(
        parsing: .unconditional,
        help: help(
            "Largest pitch change, in semitones (an integer is drawn in ±this)",
            default: defaults.maxSemitones, "semitones"))
    var maxSemitones: Int?
    @Option(
        parsing: .unconditional,
        help: help(
            "Standard deviation of the tempo change, in percent (a normal draw)",
            default: defaults.tempoStdPercent, "percent"))
    var tempoStd: Double?
    @Option(
        parsing: .unconditional,
        help: help(
            "Largest tempo change, in percent (the draw is clipped to ±this)",
            default: defaults.maxTempoPercent, "percent"))
    var maxTempo: Double?
    @Option(help: help("Encoding of the files", default: defaults.format.rawValue, "format"))
    var format: Recipe.Format?
    @Flag(help: ArgumentHelp(stringLiteral: Recipe.Format.allowFLACHelp))
    var allowFlac = false
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Resample to this rate, in Hz (libsamplerate; default: the tracks' rate).", valueName: "hz"))
    var sampleRate: Int?

    @OptionGroup var parallel: ParallelOptions

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Regenerate only this example (its index) and update the manifest.", valueName: "n"))
    var onlyExample: Int?

    /// The settings the flags give (nil: the recipe's, or the default).
    var overrides: Recipe.Overrides {
        var overrides = Recipe.Overrides()
        overrides.examplesPerTrack = examplesPerTrack
        overrides.duration = duration
        overrides.seed = seed
        overrides.sources = sources?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        overrides.gainMin = gainMin
        overrides.gainMax = gainMax
        overrides.swapProbability = swapProbability
        overrides.signFlipProbability = signFlipProbability
        overrides.remix = remix
        overrides.remixGroupSize = remixGroupSize
        overrides.repitchProbability = repitchProbability
        overrides.maxSemitones = maxSemitones
        overrides.tempoStdPercent = tempoStd
        overrides.maxTempoPercent = maxTempo
        overrides.format = format
        overrides.sampleRate = sampleRate
        return overrides
    }

    func run() throws {
        let subsetList = SubsetSelection.merged(subsets)
        let root = try dataset.rootURL()
        try reportingErrors {
            let base = try self.recipe.map { try Recipe.load(from: URL(fileURLWithPath: $0)) } ?? Recipe()
            let recipe = base.applying(overrides)
            try recipe.format.requireReadable(allowingFLAC: allowFlac)
            if !recipe.format.readsAsMUSDB18HQ { printError(Recipe.Format.flacWarning) }
            let database = try dataset.database(subsets: subsetList, split: split)
            let sources = try MUSDBSourceLoader.sources(
                named: recipe.sources,
                among: database.kind.isMUSDB18 ? Source.allCases : MUSDBSourceLoader.sources(of: database))
            let (tracks, leftOut) = try MUSDBSourceLoader.usableTracks(of: database, sources: sources)
            for message in leftOut { printError("error: \(message)") }
            let loader = MUSDBSourceLoader(tracks: tracks)
            let planner = try ExamplePlanner(recipe: recipe, tracks: loader.descriptions)
            let settings = AugmentSettings(
                recipe: recipe, subsets: subsetList.map(\.rawValue), split: split?.rawValue,
                isWav: database.isWav, tracks: loader.descriptions.map(\.name),
                dataset: database.kind.isMUSDB18 ? nil : database.kind.rawValue,
                stemMapping: database.kind.isMUSDB18 ? nil : database.stemMapping,
                splitting: database.kind.isMUSDB18 ? nil : database.splitting)
            let writer = AugmentedSetWriter(
                output: URL(fileURLWithPath: output),
                renderer: ExampleRenderer(planner: planner, loader: loader),
                settings: settings.jsonData())
            try writer.prepare(datasetRoot: root)
            if let onlyExample {
                guard onlyExample >= 0, onlyExample < planner.exampleCount else {
                    throw ValidationError("--only-example \(onlyExample) is outside 0..<\(planner.exampleCount)")
                }
                do { try writer.writeExample(index: onlyExample) } catch {
                    try writer.writeManifest()
                    throw error
                }
                try writer.writeManifest()
                printError("rewrote example \(onlyExample) (\(ExamplePlan.id(index: onlyExample)))")
                if !leftOut.isEmpty { throw ExitCode.failure }
                return
            }
            let start = Date()
            let bar = ProgressBar(total: planner.exampleCount, label: "augmenting")
            let summary = try writer.write(indices: Array(0..<planner.exampleCount), jobs: parallel.jobs) { id, _ in
                bar.advance(item: id)
            }
            bar.finish()
            let seconds = Date().timeIntervalSince(start)
            printError(
                "\(summary.written) examples written, \(summary.skipped) already complete, in \(String(format: "%.1f", seconds)) s → \(writer.manifestFile.path)"
            )
            for failure in summary.failures { printError("error: \(failure)") }
            let failures =
                (summary.failures.isEmpty ? [] : ["\(summary.failures.count) example(s) failed and are not in the set"])
                + (leftOut.isEmpty ? [] : ["\(leftOut.count) track(s) left out of the augmented set"])
            guard failures.isEmpty else {
                printError(failures.joined(separator: "; "))
                throw ExitCode.failure
            }
        }
    }
}
