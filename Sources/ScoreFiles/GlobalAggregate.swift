/// A method's whole-track figures for one target, over its tracks: the MDX/SDX "global SDR"
/// (uSDR: one SDR per track over the whole signal, ε = 1e-7, then the mean over tracks, as
/// Demucs and the Music Demixing Challenge report it) and the mean SI-SDR. Only tracks with a
/// `.global` sidecar count; museval's own files (and SiSEC 2018's) have none.
public struct GlobalAggregate: Hashable, Sendable {
    public var target: String
    /// The mean over tracks of the per-track global SDR (NaN skipped); NaN without figures.
    public var globalSDR: Double
    /// The mean over tracks of the per-track SI-SDR (NaN skipped; +∞ for a perfect estimate
    /// makes the mean +∞); NaN without figures.
    public var siSDR: Double
    /// Tracks with the target and a sidecar.
    public var trackCount: Int
    /// Tracks with the target but no usable sidecar (not in the means).
    public var missingCount: Int

    public init(target: String, globalSDR: Double, siSDR: Double, trackCount: Int, missingCount: Int) {
        self.target = target
        self.globalSDR = globalSDR
        self.siSDR = siSDR
        self.trackCount = trackCount
        self.missingCount = missingCount
    }

    public static func == (lhs: GlobalAggregate, rhs: GlobalAggregate) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return lhs.target == rhs.target && same(lhs.globalSDR, rhs.globalSDR) && same(lhs.siSDR, rhs.siSDR)
            && lhs.trackCount == rhs.trackCount && lhs.missingCount == rhs.missingCount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(target)
        hasher.combine(trackCount)
    }
}
