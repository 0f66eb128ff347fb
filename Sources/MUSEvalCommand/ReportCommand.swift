import ArgumentParser
import CommandSupport
import FileOutput
import Foundation
import Report
import ScoreFiles

/// `museval report`: the leaderboard, boxplots, heatmaps and significance tests of one or
/// more methods' score folders, as one self-contained HTML page, its figures as SVG files and
/// the numbers behind them as JSON. Reads what `aggregate` reads; never touches audio.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report (leaderboard, boxplots, heatmaps, Conover tests) of per-track museval scores.",
        discussion: """
            Reads the RESULTS_DIR folders as museval aggregate does (same options, test/ only by default) \
            and writes one HTML file with inline SVG and CSS (no script, nothing fetched from a network): the \
            leaderboard, and per target the boxplots of every method's per-track SDR sorted by median \
            (matplotlib's boxplot statistics), a track x method heatmap, and pairwise Conover post-hoc tests \
            (scikit-posthocs' posthoc_conover, no p-value adjustment) drawn as a significance heatmap.

            The numbers behind every figure go to --json (default: report.json beside the report); --figures DIR \
            writes each figure as its own .svg file.

            Example:
              museval report scores/htdemucs sisec18/TAK1 sisec18/UHL2 -o report.html --figures figures
            """)

    @OptionGroup var results: ResultsOptions
    @OptionGroup var table: TableOptions

    @Option(
        name: [.short, .customLong("output")], help: ArgumentHelp("The HTML report to write.", valueName: "report.html")
    )
    var output: String

    @Option(
        help: ArgumentHelp(
            "Where the numbers behind every figure go (default: report.json beside the report).",
            valueName: "report.json"))
    var json: String?

    @Option(help: ArgumentHelp("Also write each figure as an .svg file into this folder.", valueName: "DIR"))
    var figures: String?

    @Option(help: ArgumentHelp("The report's title.", valueName: "text"))
    var title: String = "Source separation results"

    func validate() throws {
        if output == "-" { throw ValidationError("-o needs a file name: the report is written beside its report.json") }
    }

    func run() async throws {
        let input = await LeaderboardInput.load(results.resolvedFolders())
        var failures = input.failures.map(\.description)
        if let leaderboard = try results.leaderboard(of: input, command: "report") {
            let report = Report(
                title: title, leaderboard: leaderboard, methods: input.scores(commonTracks: results.commonTracks),
                table: table.table(for: leaderboard, defaults: [.sdr, .sdrMeanOfMedians]))
            let html = URL(fileURLWithPath: output)
            let numbers =
                json.map { URL(fileURLWithPath: $0) }
                ?? html.deletingLastPathComponent().appendingPathComponent("report.json")
            var written: [String] = []
            func attempt(_ url: URL, _ text: String) {
                do {
                    // The report's folder is made when missing, as --figures makes its own.
                    try OutputFolder.create(url.deletingLastPathComponent())
                    try AtomicFile.write(text, to: url)
                    written.append(url.path)
                } catch {
                    let reason = (error as? FileOutputError)?.reason.description ?? "\(error)"
                    failures.append("\(url.path): cannot write the file: \(reason)")
                }
            }
            attempt(html, report.html())
            attempt(numbers, report.jsonString())
            if let figures {
                let folder = URL(fileURLWithPath: figures)
                do {
                    try OutputFolder.create(folder)
                    for figure in report.figures() { attempt(folder.appendingPathComponent(figure.name), figure.svg) }
                } catch {
                    let reason = (error as? FileOutputError)?.reason.description ?? "\(error)"
                    failures.append("\(folder.path): cannot create the folder: \(reason)")
                }
            }
            let issues = leaderboard.comparabilityIssues
            if !issues.isEmpty {
                printError("museval report: the methods are not comparable as they stand (flagged in the report):")
                for issue in issues { printError("  - \(issue.message)") }
            }
            let svgCount = written.filter { $0.hasSuffix(".svg") }.count
            let documents = written.filter { !$0.hasSuffix(".svg") }
            let parts = documents + (svgCount > 0 ? ["\(svgCount) figures in \(figures ?? "")"] : [])
            if !parts.isEmpty { printError("wrote " + parts.joined(separator: " and ")) }
        }
        guard failures.isEmpty else {
            printError(
                "museval report: \(failures.count) problem\(failures.count == 1 ? "" : "s"):\n"
                    + failures.prefix(20).map { "  " + $0 }.joined(separator: "\n"))
            throw ExitCode(1)
        }
    }
}
