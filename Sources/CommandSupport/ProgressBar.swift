import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Progress of a batch on standard error: a redrawn bar with rate and ETA on a terminal,
/// plain one-line updates otherwise (logs, CI), so that output stays readable in both.
///
/// Safe to call from concurrent tasks: updates are serialised by a lock.
public final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let isTerminal: Bool
    private let start = Date()
    private let lock = NSLock()
    private var completed = 0
    private var lastDraw = Date.distantPast
    private var lastPlainPercent = -1

    /// A bar for `total` units of work, labelled e.g. "scoring".
    public init(total: Int, label: String) {
        self.total = max(total, 0)
        self.label = label
        self.isTerminal =
            isatty(STDERR_FILENO) != 0
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Marks `count` more units done; `item` (a track name) is shown beside the bar.
    public func advance(by count: Int = 1, item: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        completed = min(total, completed + count)
        draw(item: item, force: completed == total)
    }

    /// Prints `message` on its own line without breaking the bar.
    public func log(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        if isTerminal && completed < total { draw(item: nil, force: true) }
    }

    /// Ends the bar's line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw(item: String?, force: Bool) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        let fraction = total == 0 ? 1 : Double(completed) / Double(total)
        let eta = completed == 0 ? "--:--" : Self.clock(elapsed / Double(completed) * Double(total - completed))
        if isTerminal {
            guard force || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            var line =
                "\r\u{1B}[K\(label) \(bar) \(completed)/\(total) \(Int(fraction * 100))% "
                + "elapsed \(Self.clock(elapsed)) eta \(eta)"
            if let item { line += "  \(item.prefix(40))" }
            FileHandle.standardError.write(Data(line.utf8))
        } else {
            let percent = Int(fraction * 100)
            guard force || percent / 10 != lastPlainPercent / 10 || completed == 1 else { return }
            lastPlainPercent = percent
            var line = "\(label): \(completed)/\(total) (\(percent)%), elapsed \(Self.clock(elapsed)), eta \(eta)"
            if let item { line += ", \(item)" }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
