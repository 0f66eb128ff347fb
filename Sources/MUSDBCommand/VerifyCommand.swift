import ArgumentParser
import CommandSupport
import Foundation
import MUSDB

/// `musdb verify`: checks a dataset against its manifest; exit status 1 on any problem.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a dataset against its manifest; exit status 1 on any problem.",
        discussion: """
            Reports missing or extra tracks, missing or unreadable stems, wrong sample rate or \
            channel count, stems of different lengths, test tracks whose length differs from the \
            manifest, and the error between the mixture and the sum of the stems in dB. Datasets \
            other than MUSDB18 (--dataset dsd100|moisesdb|folder) have no manifest: every track \
            found is checked (headers, decoded samples, the mixture where one is stored).

            Example:
              musdb verify --root ~/MUSDB18-HQ --is-wav --mixture-tolerance -20
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The manifest to check against (default: ROOT/manifest.json when present, else the built-in MUSDB18 list).",
            valueName: "file"))
    var manifest: String?

    @Flag(name: .long, help: "Check only the tracks present (for partial roots such as a one-track sample).")
    var presentOnly = false

    @Flag(name: .long, help: "Skip decoding: do not measure the mixture against the sum of the stems.")
    var skipMixture = false

    // `.unconditional`: the value is usually negative (`--mixture-tolerance -20`).
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Largest acceptable mixture − Σ stems error, in dB relative to the mixture energy (lower is stricter).",
            valueName: "dB"))
    var mixtureTolerance: Double = -10

    func validate() throws {
        guard !mixtureTolerance.isNaN else {
            throw ValidationError("--mixture-tolerance must be a number of dB (got nan)")
        }
    }

    func run() throws {
        let report: VerificationReport = try reportingErrors {
            let root = try dataset.rootURL()
            if dataset.datasetKind != .musdb18, dataset.datasetKind != .musdb18hq {
                let database = try dataset.database()
                printError("verifying \(root.path) as \(database.kind.rawValue) (\(database.tracks.count) tracks)")
                return DatasetVerifier.verify(
                    database, checksMixture: !skipMixture, mixtureToleranceDB: mixtureTolerance, progress: printError)
            }
            let manifest =
                try self.manifest.map { try Manifest(contentsOf: URL(fileURLWithPath: $0)) }
                ?? DatasetVerifier.manifest(for: root)
            let verifier = DatasetVerifier(
                root: root, isWav: dataset.datasetKind.isWav, manifest: manifest,
                presentOnly: presentOnly, checksMixture: !skipMixture,
                mixtureToleranceDB: mixtureTolerance)
            printError(
                "verifying \(root.path) against the manifest '\(manifest.name)' (\(manifest.tracks.count) tracks)")
            return try verifier.verify(progress: printError)
        }
        for track in report.tracks { print(track.line) }
        if report.isClean {
            print("OK: \(report.tracks.count) tracks checked, no problems")
            return
        }
        print("\(report.problems.count) problem(s):")
        for problem in report.problems { print("  - \(problem)") }
        throw ExitCode.failure
    }
}
