/// A leaderboard written as a table: which numbers, in which layout and format. The text
/// format also carries what a reader needs to judge the numbers: per method the subsets,
/// track counts and settings, the comparability issues, how each number is computed, and the
/// rankings (overall and per target).
public struct LeaderboardTable: Sendable {
    public var format: TableFormat
    public var rows: TableRows
    /// The numbers shown, in order.
    public var metrics: [LeaderboardMetric]
    /// Decimals of every number.
    public var decimals: Int
    /// The number the rankings use.
    public var rankBy: LeaderboardMetric

    public init(
        format: TableFormat = .text, rows: TableRows = .auto, metrics: [LeaderboardMetric] = LeaderboardMetric.standard,
        decimals: Int = 2, rankBy: LeaderboardMetric = .sdr
    ) {
        self.format = format
        self.rows = rows
        self.metrics = metrics
        self.decimals = max(0, min(decimals, 12))
        self.rankBy = rankBy
    }

    /// The grid of cells: a header row, then the body; `best[row][column]` marks the best
    /// number of its metric among the methods (bold in Markdown and LaTeX).
    public struct Grid: Sendable {
        public var header: [String]
        public var body: [[String]]
        public var best: [[Bool]]
        /// Columns holding labels (left-aligned), counted from the left.
        public var labelColumns: Int
    }

    /// The cells of the table, for a renderer of another format (the report's HTML).
    public func grid(_ board: Leaderboard) -> Grid {
        let targets = board.targetNames.filter { target in
            board.entries.contains { entry in metrics.contains { entry.value(target, $0) != nil } }
        }
        func cell(_ value: Double?) -> String {
            guard let value else { return "—" }
            return Self.fixed(value, decimals: decimals)
        }
        func best(_ target: String, _ metric: LeaderboardMetric) -> Double? {
            board.entries.compactMap { $0.value(target, metric) }.filter { !$0.isNaN }.max()
        }
        switch rows.resolved(methodCount: board.entries.count) {
        case .targets, .auto:
            var body: [[String]] = []
            var marks: [[Bool]] = []
            for target in targets {
                for (m, metric) in metrics.enumerated() {
                    let top = best(target, metric)
                    let values = board.entries.map { $0.value(target, metric) }
                    body.append([m == 0 ? target : "", metric.rawValue] + values.map(cell))
                    marks.append([false, false] + values.map { $0 != nil && $0 == top && board.entries.count > 1 })
                }
            }
            return Grid(
                header: ["target", "metric"] + board.entries.map(\.method), body: body, best: marks, labelColumns: 2)
        case .methods:
            let columns = targets.flatMap { target in metrics.map { (target, $0) } }
            let tops = columns.map { best($0.0, $0.1) }
            let body = board.entries.map { entry in [entry.method] + columns.map { cell(entry.value($0.0, $0.1)) } }
            let marks = board.entries.map { entry in
                [false]
                    + zip(columns, tops).map { column, top in
                        let value = entry.value(column.0, column.1)
                        return value != nil && value == top && board.entries.count > 1
                    }
            }
            let header = ["method"] + columns.map { metrics.count == 1 ? $0.0 : "\($0.0) \($0.1.rawValue)" }
            return Grid(header: header, body: body, best: marks, labelColumns: 1)
        }
    }

    /// `x` with `decimals` decimals, as Python's `format` rounds (the exact binary value,
    /// half-even); `nan`, `inf`, `-inf` for the non-finite; no `-0.00`.
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let text = PythonFloatFormat.fixed(x, decimals: decimals)
        return text == "-" + PythonFloatFormat.fixed(0, decimals: decimals) ? String(text.dropFirst()) : text
    }
}
