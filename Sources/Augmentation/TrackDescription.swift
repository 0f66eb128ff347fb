/// What the planner needs to know about a track: its name, length and rate.
public struct TrackDescription: Codable, Equatable, Sendable {
    public var name: String
    /// Frames in each of its source files.
    public var frameCount: Int
    /// The files' sample rate.
    public var sampleRate: Int

    public init(name: String, frameCount: Int, sampleRate: Int) {
        self.name = name
        self.frameCount = frameCount
        self.sampleRate = sampleRate
    }
}
