/// How a leaderboard table is written: aligned text for the terminal, or a format to paste
/// into a paper or read with pandas.
public enum TableFormat: String, CaseIterable, Sendable, Hashable {
    /// Aligned columns, with the header and the rankings (the terminal default).
    case text
    /// A GitHub-flavoured Markdown pipe table, best value per column in bold.
    case markdown
    /// A LaTeX `tabular` with booktabs rules, best value per column in `\textbf`.
    case latex
    /// RFC 4180 CSV, the table alone (no header lines, no rankings).
    case csv
}
