import ArgumentParser
import Audio
import CommandSupport
import Foundation
import MUSDB
import MUSEval
import Oracle
import OracleEvaluation

/// `museval oracle --method irm2 --root ROOT -o OUT`: oracle estimates for a dataset, in
/// the layout `museval` scores (`OUT/<subset>/<track>/<target>.wav`).
struct OracleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oracle",
        abstract:
            "Write oracle separations (IRM, IBM, MWF, multi-resolution IRM, mixture baseline) of a MUSDB18 dataset.",
        discussion: """
            Oracle separators compute their filter from the true sources, so their scores bound \
            what a separator of the same family can reach (the SiSEC 2018 upper bounds). Each \
            track gets vocals, drums, bass, other and accompaniment (the sum of the non-vocal \
            estimates) as 32-bit float WAV in OUT/<subset>/<track>/, ready for `museval evaluate`.

            Methods (sigsep-mus-oracle, scipy STFT of 2048 points, hop 1024):
              irm1, irm2   ideal ratio mask of magnitudes / powers, each channel on its own
              ibm1, ibm2   ideal binary mask (source/mixture ratio >= 0.5) of magnitudes / powers
              mwf          multichannel Wiener filter (local Gaussian model, stereo jointly)
              mrstft       IRM2 at 256, 512, 1024, 2048 and 4096 points: writes OUT/average/ \
            (the mean of the resolutions) and OUT/best/ (the resolution with the best median SDR \
            for the track) plus OUT/resolutions/<subset>/<track>.json with every resolution's scores.
              mix          the baseline: every source estimate is the mixture / 4

            Tracks whose files all exist are skipped (--force redoes them), so an interrupted run \
            resumes. A track that fails is reported and the others go on; the exit status is 1 then. \
            Each job holds its track's stems, their spectrograms and the estimates in memory.

            Examples:
              museval oracle --method irm2 --root ~/MUSDB18-HQ --is-wav --subsets test -o oracles/IRM2
              museval oracle --method mwf --root ~/MUSDB18 -o oracles/MWF --jobs 2
            """)

    @Option(help: "The oracle (see the methods above).")
    var method: OracleMethod

    @OptionGroup var dataset: DatasetOptions

    @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to separate"))
    var subsets: [SubsetSelection] = [.all]

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Where the estimates go. Never inside the dataset.", valueName: "out"))
    var output: String

    @OptionGroup var parallel: ParallelOptions

    @Flag(help: "Redo tracks whose estimates already exist.")
    var force = false

    @Flag(
        help: """
            mwf only: keep the Wiener gain in double precision. The reference stores it as complex64, \
            which makes its output on near-mono sources (e.g. a mono bass) change wholesale under \
            one-ulp input noise; the double gain is stable, but no longer the published numbers.
            """)
    var doublePrecisionGain = false

    func validate() throws {
        guard !doublePrecisionGain || method == .mwf else {
            throw ValidationError("--double-precision-gain applies to --method mwf only")
        }
    }

    func run() throws {
        let subsetList = SubsetSelection.merged(subsets)
        let database = try dataset.database(subsets: subsetList)
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        try OutputLocation.validate(outputURL, datasetRoot: database.root)
        let batch = OracleBatch(
            method: method, output: outputURL, force: force,
            separator: doublePrecisionGain
                ? MultichannelWienerFilter(roundsGainToSinglePrecision: false) : method.separator)
        // Tracks that could not be indexed are not separated: say so, and fail.
        for problem in database.problems { printError("error: \(problem)") }
        guard !database.tracks.isEmpty else {
            if !database.problems.isEmpty { throw ExitCode(1) }
            printError(
                "no tracks in \(database.root.path) for subsets \(subsetList.map(\.rawValue).joined(separator: ","))")
            return
        }
        let bar = ProgressBar(total: database.tracks.count, label: method.rawValue)
        let summary = batch.run(database.tracks, jobs: parallel.jobs) { report in
            switch report.result {
            case .success(.separated(let notes)):
                for note in notes { bar.log("\(report.label): \(note)") }
            case .success(.skipped):
                break
            case .failure(let error):
                bar.log("error: \(report.label): \(error)")
            }
            bar.advance(item: report.track.name)
        }
        bar.finish()
        printError(
            "\(summary.separated) tracks separated, \(summary.skipped) already done, \(summary.failedTracks.count) failed; "
                + "estimates in \(outputURL.path)")
        if !summary.succeeded || !database.problems.isEmpty { throw ExitCode(1) }
    }
}
