import ArgumentParser
import Audio
import CommandSupport
import Foundation
import MUSDB
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
            resumes. A track that fails is reported and the others go on; the exit status is 1 then.

            Examples:
              museval oracle --method irm2 --root ~/MUSDB18-HQ --is-wav --subsets test -o oracles/IRM2
              museval oracle --method mwf --root ~/MUSDB18 -o oracles/MWF --jobs 2
            """)

    @Option(help: "The oracle: \(OracleMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: OracleMethod

    @Option(name: [.customLong("root"), .customLong("musdb")], help: "The MUSDB18 root (default: $MUSDB_PATH).")
    var root: String?

    @Flag(name: .customLong("is-wav"), help: "The dataset is MUSDB18-HQ (WAV folders), not .stem.mp4 files.")
    var isWav = false

    @Option(help: "Subsets to separate, comma-separated: train, test (default: both).")
    var subsets: String = "train,test"

    @Option(name: [.customShort("o"), .customLong("output")], help: "Where the estimates go. Never inside the dataset.")
    var output: String

    @Option(help: "Tracks separated in parallel (each needs about 20× its decoded size in memory).")
    var jobs: Int = 1

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
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !doublePrecisionGain || method == .mwf else {
            throw ValidationError("--double-precision-gain applies to --method mwf only")
        }
    }

    func run() throws {
        let subsetList = try Subset.list(parsing: subsets)
        let database = try Database(root: root.map { URL(fileURLWithPath: $0) }, subsets: subsetList, isWav: isWav)
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        if outputURL.lies(within: database.root) {
            throw OracleCommandError(
                "-o \(outputURL.path) is inside the dataset \(database.root.path); "
                    + "choose a folder outside it (the dataset is never modified)")
        }
        let batch = OracleBatch(
            method: method, output: outputURL, force: force,
            separator: doublePrecisionGain
                ? MultichannelWienerFilter(roundsGainToSinglePrecision: false) : method.separator)
        // Tracks that could not be indexed are not separated: say so, and fail.
        for problem in database.problems { printError("error: \(problem)") }
        let tracks = database.tracks
        guard !tracks.isEmpty else {
            if !database.problems.isEmpty { throw ExitCode(1) }
            printError("no tracks in \(database.root.path) for subsets \(subsets)")
            return
        }
        let bar = ProgressBar(total: tracks.count, label: method.rawValue)
        // Workers take the next track index under a lock; counts are updated under it too.
        let lock = NSLock()
        var nextIndex = 0, failed = 0, skipped = 0
        DispatchQueue.concurrentPerform(iterations: min(jobs, tracks.count)) { _ in
            while true {
                lock.lock()
                let index = nextIndex
                nextIndex += 1
                lock.unlock()
                guard index < tracks.count else { return }
                let track = tracks[index]
                let label = "\(track.subset.rawValue)/\(track.name)"
                do {
                    switch try batch.process(track) {
                    case .skipped:
                        lock.lock(); skipped += 1; lock.unlock()
                    case .separated(let notes):
                        for note in notes { bar.log("\(label): \(note)") }
                    }
                } catch {
                    lock.lock(); failed += 1; lock.unlock()
                    bar.log("error: \(label): \(error)")
                }
                bar.advance(item: track.name)
            }
        }
        bar.finish()
        printError(
            "\(tracks.count - failed - skipped) tracks separated, \(skipped) already done, \(failed) failed; "
                + "estimates in \(outputURL.path)")
        if failed > 0 || !database.problems.isEmpty { throw ExitCode(1) }
    }
}

extension OracleMethod: ExpressibleByArgument {}
