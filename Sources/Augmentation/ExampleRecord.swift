/// One line of `manifest.jsonl` (and the `example.json` kept in each example folder): the
/// plan that made the example, the clipping factor applied, and a CRC-32 per file.
public struct ExampleRecord: Codable, Equatable, Sendable {
    public var plan: ExamplePlan
    /// Factor all sources were scaled by to avoid clipping (1: none).
    public var scale: Double
    /// The encoding (`wav16`, …).
    public var format: Recipe.Format
    /// zlib CRC-32 of each written file, by file name (`mixture.wav`, …).
    public var crc32: [String: UInt32]
}
