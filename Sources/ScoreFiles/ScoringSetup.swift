/// How a track was scored, as far as it decides whether two methods' numbers can be
/// compared: the BSS Eval version and the frames. museval's per-track JSON shows the window
/// and hop (in its frames) but not the mode; our sidecars record all three.
public struct ScoringSetup: Hashable, Sendable, CustomStringConvertible {
    /// `v4` (filters once per track, museval's default) or `v3` (per frame); nil when unknown.
    public var mode: String?
    /// Window in seconds; nil when no frame shows it.
    public var window: Double?
    /// Hop in seconds; nil when there are fewer than two frames.
    public var hop: Double?

    public init(mode: String?, window: Double?, hop: Double?) {
        self.mode = mode
        self.window = window
        self.hop = hop
    }

    /// `v4, win 1 s, hop 1 s`, with `mode ?` / `?` for what is unknown.
    public var description: String {
        func seconds(_ x: Double?) -> String { x.map { PythonFloatFormat.repr($0) + " s" } ?? "?" }
        return "\(mode ?? "mode unknown"), win \(seconds(window)), hop \(seconds(hop))"
    }
}
