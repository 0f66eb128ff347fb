/// The multi-resolution oracle: the ideal ratio mask at several STFT sizes, because the
/// best time–frequency trade-off depends on the material (short frames for drums, long
/// ones for sustained harmonics).
///
/// `separateAtEachResolution` gives one set of estimates per segment length; `separate`
/// (the `OracleSeparator` conformance) returns their sample-wise average, which needs no
/// scoring. Choosing the best resolution of a track needs BSS Eval scores and is done by
/// the caller (`museval oracle --method mrstft`), with `bestResolution(scores:)`.
public struct MultiResolutionIRM: OracleSeparator {
    /// The STFT segment lengths, 256 … 4096 by default.
    public var segmentLengths: [Int]
    /// The spectrogram exponent of each ratio mask (2: the IRM2 of SiSEC).
    public var exponent: Double

    public init(segmentLengths: [Int] = [256, 512, 1024, 2048, 4096], exponent: Double = 2) {
        self.segmentLengths = segmentLengths
        self.exponent = exponent
    }

    /// One resolution's estimates.
    public struct Resolution: Sendable {
        public var segmentLength: Int
        public var estimates: [Stem]
    }

    /// The ideal ratio mask's estimates at every segment length, in `segmentLengths`' order.
    public func separateAtEachResolution(mixture: [[Double]], sources: [Stem]) throws -> [Resolution] {
        guard !segmentLengths.isEmpty else {
            throw OracleError.invalidParameter("the multi-resolution oracle needs at least one segment length")
        }
        return try segmentLengths.map { length in
            Resolution(
                segmentLength: length,
                estimates: try IdealRatioMask(exponent: exponent, segmentLength: length)
                    .separate(mixture: mixture, sources: sources))
        }
    }

    /// The average over resolutions of the estimates.
    public func separate(mixture: [[Double]], sources: [Stem]) throws -> [Stem] {
        Self.average(try separateAtEachResolution(mixture: mixture, sources: sources).map(\.estimates))
    }

    /// The sample-wise mean of several sets of estimates of the same stems (same order and
    /// shapes), summed in the order given then divided once.
    public static func average(_ sets: [[Stem]]) -> [Stem] {
        guard var result = sets.first else { return [] }
        let scale = 1 / Double(sets.count)
        for j in result.indices {
            for c in result[j].channels.indices {
                for set in sets.dropFirst() {
                    let other = set[j].channels[c]
                    for n in result[j].channels[c].indices { result[j].channels[c][n] += other[n] }
                }
                for n in result[j].channels[c].indices { result[j].channels[c][n] *= scale }
            }
        }
        return result
    }

    /// The index of the best resolution given, per resolution, each target's per-frame
    /// SDR: the highest mean over targets of the median over frames (NaN frames skipped,
    /// as museval's aggregation does). Ties go to the earlier resolution; nil when no
    /// resolution has a finite score.
    public static func bestResolution(scores: [[[Double]]]) -> Int? {
        var best: (index: Int, score: Double)?
        for (index, targets) in scores.enumerated() {
            let medians = targets.compactMap(median)
            guard !medians.isEmpty else { continue }
            let score = medians.reduce(0, +) / Double(medians.count)
            if best == nil || score > best!.score { best = (index, score) }
        }
        return best?.index
    }

    /// The median of the non-NaN values (mean of the middle two for even counts), nil if none.
    public static func median(_ values: [Double]) -> Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
