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
            MUSDB18-HQ layout: read it back with `musdb list --root OUT --is-wav`), \
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
            {"gainMin": 0.5, "remix": "random"}), then from the flags given, which win. Defaults: \
            6 s excerpts, 4 per track, gain 0.25–1.25 per source, channel swap p = 0.5, repitch \
            p = 0.2 (integer −2…2 semitones, tempo N(0, 5 %) clipped to ±12 %), no sign flip, no remix.
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(name: .long, help: ArgumentHelp("Subsets to draw from, comma-separated.", valueName: "LIST"))
    var subsets: String = "train"

    @Option(
        name: .long,
        help: ArgumentHelp("With --subsets train: the training or validation tracks.", valueName: "train|valid"))
    var split: String?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("The folder to write (not inside the dataset root).", valueName: "OUT"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("A JSON recipe with the settings below.", valueName: "FILE.json"))
    var recipe: String?

    @Option(name: .long, help: "Examples per track.") var examplesPerTrack: Int?
    @Option(name: .long, help: ArgumentHelp("Excerpt length in seconds (0: whole tracks).", valueName: "SEC"))
    var duration: Double?
    @Option(name: .long, help: "Seed of every random draw.") var seed: UInt64?
    @Option(name: .long, help: ArgumentHelp("Sources to write beside the mixture, comma-separated.", valueName: "LIST"))
    var sources: String?
    @Option(name: .long, help: "Smallest per-source gain.") var gainMin: Double?
    @Option(name: .long, help: "Largest per-source gain.") var gainMax: Double?
    @Option(name: .long, help: "Probability of swapping left and right, per source.") var swapProbability: Double?
    @Option(name: .long, help: "Probability of flipping the sign, per source.") var signFlipProbability: Double?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Cross-track remix: none, random (each source from its own track and offset) or shuffle (Demucs: within groups).",
            valueName: "MODE"))
    var remix: String?
    @Option(name: .long, help: "Group size of --remix shuffle.") var remixGroupSize: Int?
    @Option(name: .long, help: "Probability of a pitch/tempo change per example.") var repitchProbability: Double?
    @Option(name: .long, help: "Largest pitch change in semitones (an integer is drawn in ±this).") var maxSemitones:
        Int?
    @Option(name: .long, help: "Standard deviation of the tempo change, in percent.") var tempoStd: Double?
    @Option(name: .long, help: "Largest tempo change, in percent.") var maxTempo: Double?
    @Option(name: .long, help: ArgumentHelp("Encoding: wav16, wav24, float or flac.", valueName: "FORMAT"))
    var format: String?
    @Option(name: .long, help: ArgumentHelp("Resample to this rate (libsamplerate).", valueName: "R"))
    var sampleRate: Int?

    @Option(name: .long, help: "Parallel jobs (the output does not depend on it).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        name: .long,
        help: ArgumentHelp("Regenerate only this example (its index) and update the manifest.", valueName: "N"))
    var onlyExample: Int?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The recipe file's settings overridden by the flags given.
    func makeRecipe() throws -> Recipe {
        var recipe = try self.recipe.map { try Recipe.load(from: URL(fileURLWithPath: $0)) } ?? Recipe()
        if let examplesPerTrack { recipe.examplesPerTrack = examplesPerTrack }
        if let duration { recipe.duration = duration == 0 ? nil : duration }
        if let seed { recipe.seed = seed }
        if let sources {
            recipe.sources = sources.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let gainMin { recipe.gainMin = gainMin }
        if let gainMax { recipe.gainMax = gainMax }
        if let swapProbability { recipe.swapProbability = swapProbability }
        if let signFlipProbability { recipe.signFlipProbability = signFlipProbability }
        if let remix {
            guard let mode = Recipe.Remix(rawValue: remix) else {
                throw ValidationError("unknown --remix '\(remix)': use none, random or shuffle")
            }
            recipe.remix = mode
        }
        if let remixGroupSize { recipe.remixGroupSize = remixGroupSize }
        if let repitchProbability { recipe.repitchProbability = repitchProbability }
        if let maxSemitones { recipe.maxSemitones = maxSemitones }
        if let tempoStd { recipe.tempoStdPercent = tempoStd }
        if let maxTempo { recipe.maxTempoPercent = maxTempo }
        if let format {
            guard let value = Recipe.Format(rawValue: format) else {
                throw ValidationError("unknown --format '\(format)': use wav16, wav24, float or flac")
            }
            recipe.format = value
        }
        if let sampleRate { recipe.sampleRate = sampleRate }
        for source in recipe.sources where Source(rawValue: source) == nil {
            throw ValidationError("unknown source '\(source)': use vocals, drums, bass, other")
        }
        return recipe
    }

    func run() throws {
        let recipe = try makeRecipe()
        let subsetList = try Subset.list(parsing: subsets)
        let splitValue = try split.map(Split.init(parsing:))
        let root = try dataset.rootURL()
        try reportingErrors {
            let database = try Database(root: root, subsets: subsetList, split: splitValue, isWav: dataset.isWav)
            let tracks = try usableTracks(database, sources: recipe.sources.compactMap(Source.init(rawValue:)))
            let leftOut = database.tracks.count - tracks.count + database.problems.count
            let loader = MUSDBSourceLoader(tracks: tracks)
            let planner = try ExamplePlanner(recipe: recipe, tracks: loader.descriptions)
            let settings = AugmentSettings(
                recipe: recipe, subsets: subsetList.map(\.rawValue), split: splitValue?.rawValue,
                isWav: dataset.isWav, tracks: loader.descriptions.map(\.name))
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
                if leftOut > 0 { throw ExitCode.failure }
                return
            }
            let start = Date()
            let bar = ProgressBar(total: planner.exampleCount, label: "augmenting")
            let summary = try writer.write(indices: Array(0..<planner.exampleCount), jobs: jobs) { id, _ in
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
                + (leftOut == 0 ? [] : ["\(leftOut) track(s) left out of the augmented set"])
            guard failures.isEmpty else {
                printError(failures.joined(separator: "; "))
                throw ExitCode.failure
            }
        }
    }

    /// The database's tracks whose `sources` pass `Track.validateHeaders` (present, readable,
    /// the mixture's rate, channel count and length). Each track that cannot be used, and
    /// each entry that could not be indexed, is reported on standard error.
    func usableTracks(_ database: Database, sources: [Source]) throws -> [Track] {
        for problem in database.problems { printError("error: \(problem); left out of the augmented set") }
        return try database.tracks.filter { track in
            do {
                try track.validateHeaders(sources)
                return true
            } catch {
                // Without ffprobe no stem file can be checked: that is the machine's fault.
                if case AudioError.ffmpegMissing? = error as? AudioError { throw error }
                printError("error: \(error); track left out of the augmented set")
                return false
            }
        }
    }
}

/// What identifies a run in `OUT/augment.json`: the recipe and the dataset selection.
struct AugmentSettings: Codable {
    var recipe: Recipe
    var subsets: [String]
    var split: String?
    var isWav: Bool
    var tracks: [String]

    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}
