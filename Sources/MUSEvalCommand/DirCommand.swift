import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import MUSEval

/// `museval dir REFERENCE_DIR ESTIMATES_DIR`: the drop-in for Python museval's `bsseval`.
struct DirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dir",
        abstract: "Score a folder of estimates against a folder of references (Python museval's `bsseval`).",
        discussion: """
            Files are paired by name (vocals.wav with vocals.flac, or through target aliases such as \
            Vocals/voice), not by listing order as Python's eval_dir does, and targets are named without \
            the extension. Prints the median of each metric per target and writes \
            OUTPUT_DIR/<reference folder name>.json with a hidden provenance sidecar beside it \
            (.<name>.provenance: inputs, settings, warnings). A score file written from other \
            estimates, references or settings, or of unknown origin, is not replaced unless --force.

            Example:
              museval dir references/ separated/song/ -o scores
            """)

    @Argument(help: ArgumentHelp("Folder of reference files, one per source.", valueName: "reference-dir"))
    var referenceDir: String

    @Argument(help: ArgumentHelp("Folder of estimate files named like the references.", valueName: "estimates-dir"))
    var estimatesDir: String

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Where the JSON file goes (default: the estimates folder).", valueName: "output-dir"))
    var outputDir: String?

    @OptionGroup var scoring: ScoringOptions

    @Option(
        help: ArgumentHelp("More target names, e.g. 'lead=vocals'.", valueName: "alias=target,…"),
        transform: TargetAliases.init(parsing:))
    var targetMap: TargetAliases?

    @Flag(help: "Replace a score file of another origin (other estimates, references or settings, or unknown).")
    var force = false

    func run() throws {
        let references = URL(fileURLWithPath: referenceDir)
        let estimates = URL(fileURLWithPath: estimatesDir)
        let output = outputDir.map { URL(fileURLWithPath: $0) } ?? estimates
        try OutputLocation.validate(output, datasetRoot: references)
        try OutputFolder.validate(output) // a file given as -o fails now, not after scoring
        let (result, url) = try DirectoryEvaluation.run(
            references: references, estimates: estimates, output: output,
            options: scoring.evaluationOptions,
            aliases: targetMap ?? .standard, force: force)
        for adjustment in result.adjustments { printError("warning: \(adjustment)") }
        for file in result.unpaired { printError("warning: \(file.path): no partner file; not scored") }
        print(DirectoryEvaluation.summary(of: result.scores))
        printError("wrote \(url.path)")
    }
}
