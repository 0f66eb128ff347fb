/// Reads the excerpts the planner asks for. The `musdb augment` command reads MUSDB18
/// tracks; tests use arrays in memory.
public protocol ExampleSourceLoader: Sendable {
    /// The channels of `source` in `track` over `frames` (at the track's rate); frames
    /// past the end of the track are zeros.
    func load(source: String, track: String, frames: Range<Int>) throws -> [[Double]]
}
