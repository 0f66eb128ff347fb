import ArgumentParser
import ScoreFiles

/// What the leaderboard table shows and how it is laid out (`museval aggregate`, and the
/// report's table); the format (`--format`) is aggregate's own, the report's table is HTML.
struct TableOptions: ParsableArguments {
    @Option(
        help:
            "Table rows: targets (a column per method), methods (a column per target and metric), or auto (methods beyond 4 methods)."
    )
    var rows: TableRows = .auto

    @Option(
        help: ArgumentHelp(
            """
            The numbers shown, comma-separated: SDR, SIR, SAR, ISR (museval's, aggregated by --frames and \
            --tracks: the median of medians by default), SDR-mean (mean over tracks of the per-track median \
            SDR), uSDR (MDX global SDR, eps 1e-7, mean over tracks) and SI-SDR (both from the .global \
            sidecars museval writes) (default: SDR,SIR,SAR,ISR for aggregate, SDR,SDR-mean for report, plus \
            uSDR,SI-SDR when sidecars are there).
            """, valueName: "metrics"))
    var metrics: MetricList?

    @Option(parsing: .unconditional, help: ArgumentHelp("Decimals of every number (0-12).", valueName: "n"))
    var decimals: Int = 2

    @Option(name: .customLong("rank-by"), help: "The number the rankings (overall and per target) use.")
    var rankBy: LeaderboardMetric = .sdr

    func validate() throws {
        guard (0...12).contains(decimals) else { throw ValidationError("--decimals must be 0 to 12 (got \(decimals))") }
    }

    /// The table for `leaderboard`: the metrics given, else `defaults` (for aggregate the
    /// standard four) and the whole-track figures when there are any.
    func table(
        for leaderboard: Leaderboard, format: TableFormat = .text,
        defaults: [LeaderboardMetric] = LeaderboardMetric.standard
    ) -> LeaderboardTable {
        let shown = metrics?.metrics ?? (defaults + (leaderboard.hasGlobalFigures ? [.globalSDR, .siSDR] : []))
        return LeaderboardTable(format: format, rows: rows, metrics: shown, decimals: decimals, rankBy: rankBy)
    }
}
