import ArgumentParser
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
            manifest, and the error between the mixture and the sum of the stems in dB.
            """)

    @OptionGroup var dataset: DatasetOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The manifest to check against. Default: ROOT/manifest.json when present, else the built-in MUSDB18 list.",
            valueName: "FILE"))
    var manifest: String?

    @Flag(name: .long, help: "Check only the tracks present (for partial roots such as a one-track sample).")
    var presentOnly = false

    @Flag(name: .long, help: "Skip decoding: do not measure the mixture against the sum of the stems.")
    var skipMixture = false

    // `.unconditional`: the value is usually negative (`--mixture-tolerance -20`).
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Largest acceptable mixture − Σ stems error, dB relative to the mixture energy.", valueName: "DB"))
    var mixtureTolerance: Double = -10

    func run() throws {
        let report: VerificationReport = try reportingErrors {
            let root = try dataset.rootURL()
            let manifest =
                try self.manifest.map { try Manifest(contentsOf: URL(fileURLWithPath: $0)) }
                ?? DatasetVerifier.manifest(for: root)
            let verifier = DatasetVerifier(
                root: root, isWav: dataset.isWav, manifest: manifest,
                presentOnly: presentOnly, checksMixture: !skipMixture,
                mixtureToleranceDB: mixtureTolerance)
            printProgress(
                "verifying \(root.path) against the manifest '\(manifest.name)' (\(manifest.tracks.count) tracks)")
            return try verifier.verify(progress: printProgress)
        }
        for track in report.tracks {
            let error = track.mixtureErrorDB.map { $0 == -.infinity ? "exact" : String(format: "%.1f dB", $0) } ?? "-"
            let frames = track.frameCount.map(String.init) ?? "?"
            print(
                padded(track.subset.rawValue, 6) + padded(track.name, 40) + " frames "
                    + String(repeating: " ", count: max(0, 9 - frames.count)) + frames + "  mixture − Σ stems: " + error
            )
        }
        if report.isClean {
            print("OK: \(report.tracks.count) tracks checked, no problems")
            return
        }
        print("\(report.problems.count) problem(s):")
        for problem in report.problems { print("  - \(problem)") }
        throw ExitCode.failure
    }
}
