import ArgumentParser
import Augmentation
import CommandSupport
import Foundation
import MUSDB

/// `musdb convert`: writes a dataset in the MUSDB18-HQ layout (one WAV per stem), what
/// Python musdb's `musdbconvert` does.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract:
            "Write a dataset in the MUSDB18-HQ layout (a folder of WAVs per track), e.g. from MUSDB18's .stem.mp4.",
        discussion: """
            Writes OUT/<subset>/<Artist - Title>/{mixture,drums,bass,other,vocals}.wav from the \
            dataset at --root: MUSDB18 (.stem.mp4, decoded with ffmpeg) or, with --is-wav, \
            MUSDB18-HQ (to re-encode or resample it). The mixture is the one stored (stream 0 of \
            the stem file, or mixture.wav), not the sum of the stems; the five files of a track \
            are cut to the shortest of them. Integer formats clip samples outside ±1; float does not. \
            Read the result with --is-wav (musdb list, verify, museval, Python musdb.DB(is_wav=True)).

            Each track is written into OUT/.partial/ and its folder renamed into place once \
            complete, so a track folder in OUT is never half-written. Rerunning resumes: tracks \
            whose folder is in place are skipped, what an interrupted run left is replaced. \
            OUT/convert.json records --format and --sample-rate; a rerun with others is refused. \
            OUT must not be inside the dataset root, which is only read. A track that cannot be \
            decoded is reported and the others are written; the exit status is then 1.

            Python musdb's `musdbconvert ROOT OUT` is `musdb convert --root ROOT OUT`.

            Example:
              musdb convert --root ~/MUSDB18 ~/MUSDB18-HQ-decoded --jobs 2
              musdb list --root ~/MUSDB18-HQ-decoded --is-wav
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to convert"))
    var subsets: [SubsetSelection] = [.all]

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("The folder to write (not inside the dataset root).", valueName: "out"))
    var output: String?

    @Argument(help: ArgumentHelp("The same as -o OUT (one of them is required).", valueName: "out"))
    var positionalOutput: String?

    @Option(help: ArgumentHelp("Encoding of the files: wav16 is MUSDB18-HQ's own.", valueName: "format"))
    var format: Recipe.Format = .wav16

    @Flag(help: ArgumentHelp(stringLiteral: Recipe.Format.allowFLACHelp))
    var allowFlac = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Resample to this rate, in Hz: ffmpeg for .stem.mp4, libsamplerate for WAV (default: the tracks' rate).",
            valueName: "hz"))
    var sampleRate: Int?

    @OptionGroup var parallel: ParallelOptions

    func validate() throws {
        _ = try OutputPath.resolve(option: output, positional: positionalOutput)
        if let sampleRate, !(1000...384_000).contains(sampleRate) {
            throw ValidationError("--sample-rate must be in 1000…384000 Hz (got \(sampleRate))")
        }
    }

    func run() throws {
        let root = try dataset.rootURL()
        let out = try OutputPath.resolve(option: output, positional: positionalOutput)
        try reportingErrors {
            try format.requireReadable(allowingFLAC: allowFlac)
            if !format.readsAsMUSDB18HQ { printError(Recipe.Format.flacWarning) }
            let database = try dataset.database(subsets: SubsetSelection.merged(subsets))
            for problem in database.problems { printError("error: \(problem)") }
            let conversion = DatasetConversion(
                database: database, output: URL(fileURLWithPath: out), format: format, sampleRate: sampleRate)
            try conversion.prepare()
            let start = Date()
            let bar = ProgressBar(total: database.tracks.count, label: "converting")
            let summary = conversion.run(jobs: parallel.jobs) { track, outcome in
                let name = "\(track.subset.rawValue)/\(track.name)"
                switch outcome {
                case .converted: bar.log("converted \(name)")
                case .skipped: bar.log("skipped \(name) (already complete)")
                case .failed(let message): bar.log("error: \(message)")
                }
                bar.advance(item: track.name)
            }
            bar.finish()
            let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
            printError(
                "\(summary.converted) tracks converted, \(summary.skipped) already complete, "
                    + "\(summary.failures.count) failed, in \(seconds) s → \(conversion.output.path)")
            if !summary.failures.isEmpty || !database.problems.isEmpty { throw ExitCode.failure }
        }
    }
}
