/// How one evaluation's correlation lags follow from the lags of a pass over more signals
/// (`FrameCorrelations`): each of its reference channels is a weighted sum of the pass's
/// reference channels, each of its estimate channels one of the pass's estimate channels.
///
/// Correlation is bilinear, so the lags of a sum are sums of lags:
/// gram(Σᵢ aᵢxᵢ, Σⱼ bⱼxⱼ, m) = Σᵢⱼ aᵢbⱼ·gram(xᵢ, xⱼ, m) and cross(Σᵢ aᵢxᵢ, ŝ, k) =
/// Σᵢ aᵢ·cross(xᵢ, ŝ, k). museval's vocals/accompaniment run, whose accompaniment is
/// drums + bass + other, thus needs no correlation pass of its own: only the accompaniment
/// estimate's cross lags are new, and the pass computes them with the others. The sums
/// round differently from the lags of the summed signal (a few ulps of the largest term),
/// which `LagScorer`'s error bound covers like any other FFT rounding.
///
/// A channel that is one pass channel with weight 1 is copied, so a view that only selects
/// channels gives exactly the pass's values.
struct LagView {
    let sourceCount: Int
    let channelCount: Int
    let filterLength: Int
    /// The pass's reference and estimate channels.
    let passReferences: Int, passEstimates: Int
    /// For each of this evaluation's reference channels: the pass channels and weights summed.
    let references: [[(channel: Int, weight: Double)]]
    /// For each of this evaluation's estimate channels: the pass's estimate channel.
    let estimates: [Int]
    /// The reference channels that are not one pass channel with weight 1: the pass forms
    /// their samples to see them (silence, whole-track sums).
    let summedReferences: [Int]
    /// Whether reference channel k is pass reference k and estimate channel k pass estimate
    /// k, so the pass's nsdr / SI-SDR sums (reference k against estimate k) are this view's.
    let isDirect: Bool
    /// Whether this evaluation's lags are the pass's, in the pass's own layout.
    let isIdentity: Bool

    /// Channels of this evaluation: references, estimates (the same count).
    var signalCount: Int { sourceCount * channelCount }
    var gramCount: Int { signalCount * (signalCount + 1) / 2 * (2 * filterLength - 1) }
    /// Doubles of one segment's lags in this view's layout.
    var segmentStride: Int { gramCount + signalCount * signalCount * filterLength }

    /// The pass's own sources against its first `sourceCount` estimate sources: the pass
    /// itself when it has no more estimates than that (`passEstimateSources`).
    static func identity(
        sourceCount: Int, channelCount: Int, filterLength: Int, passEstimateSources: Int? = nil
    ) -> LagView {
        LagView(
            sourceCount: sourceCount, channelCount: channelCount, filterLength: filterLength,
            referenceTerms: (0..<sourceCount).map { [(source: $0, weight: 1)] },
            estimateSources: Array(0..<sourceCount), passSources: sourceCount,
            passEstimateSources: passEstimateSources ?? sourceCount)
    }

    /// Source `j` of this evaluation: the reference that sums `referenceTerms[j]` (pass
    /// reference sources and weights, added in order), against the pass's estimate source
    /// `estimateSources[j]` (channel by channel).
    init(
        sourceCount: Int, channelCount: Int, filterLength: Int, referenceTerms: [[(source: Int, weight: Double)]],
        estimateSources: [Int], passSources: Int, passEstimateSources: Int
    ) {
        self.sourceCount = sourceCount
        self.channelCount = channelCount
        self.filterLength = filterLength
        passReferences = passSources * channelCount
        passEstimates = passEstimateSources * channelCount
        var references = [[(channel: Int, weight: Double)]]()
        var estimates = [Int]()
        for j in 0..<sourceCount {
            for c in 0..<channelCount {
                references.append(referenceTerms[j].map { (channel: $0.source * channelCount + c, weight: $0.weight) })
                estimates.append(estimateSources[j] * channelCount + c)
            }
        }
        self.references = references
        self.estimates = estimates
        summedReferences = references.indices.filter { !(references[$0].count == 1 && references[$0][0].weight == 1) }
        isDirect =
            references.enumerated().allSatisfy { k, terms in terms.count == 1 && terms[0] == (k, 1) }
            && estimates.enumerated().allSatisfy { $0.offset == $0.element }
        isIdentity = isDirect && passReferences == references.count && passEstimates == estimates.count
    }

    /// Writes this view's Gram lags (`ReferenceCorrelations` layout) from the pass's `gram`
    /// to `out`, and its cross lags from the pass's `cross` to `crossOut`.
    func derive(
        gram: UnsafePointer<Double>, cross: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, crossInto crossOut: UnsafeMutablePointer<Double>
    ) {
        let L = filterLength, span = 2 * L - 1, K = signalCount
        /// Adds (or, for the first term, stores) `weight` × row `source` to `row`, read
        /// backwards (lag −m) when `reversed`.
        @inline(__always) func add(
            _ row: UnsafeMutablePointer<Double>, _ source: UnsafePointer<Double>, count: Int, weight: Double,
            reversed: Bool, first: Bool
        ) {
            for i in 0..<count {
                let value = source[reversed ? count - 1 - i : i]
                let term = weight == 1 ? value : weight * value
                row[i] = first ? term : row[i] + term
            }
        }
        for P in 0..<K {
            for Q in 0...P {
                let row = out + ReferenceCorrelations.pairIndex(P, Q) * span
                var first = true
                for (p, a) in references[P] {
                    for (q, b) in references[Q] {
                        // gram(p, q, m) for q > p is the stored (q, p) row at lag −m.
                        let stored =
                            p >= q ? ReferenceCorrelations.pairIndex(p, q) : ReferenceCorrelations.pairIndex(q, p)
                        add(row, gram + stored * span, count: span, weight: a * b, reversed: p < q, first: first)
                        first = false
                    }
                }
                if first { row.update(repeating: 0, count: span) }
            }
            for (E, e) in estimates.enumerated() {
                let row = crossOut + (P * K + E) * L
                var first = true
                for (p, a) in references[P] {
                    add(row, cross + (p * passEstimates + e) * L, count: L, weight: a, reversed: false, first: first)
                    first = false
                }
                if first { row.update(repeating: 0, count: L) }
            }
        }
    }

    /// One segment's lags (`FrameCorrelations` layout) in this view's layout.
    func derive(segment lags: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let passGram = passReferences * (passReferences + 1) / 2 * (2 * filterLength - 1)
        derive(gram: lags, cross: lags + passGram, into: out, crossInto: out + gramCount)
    }

    /// The whole track's lags in this view, with this view's nsdr / SI-SDR sums.
    func derive(track: ReferenceCorrelations, sums: [GlobalMetrics.Sums]) -> ReferenceCorrelations {
        var gram = [Double](repeating: 0, count: gramCount)
        var cross = [Double](repeating: 0, count: signalCount * signalCount * filterLength)
        track.gramLags.withUnsafeBufferPointer { g in
            track.crossLags.withUnsafeBufferPointer { c in
                gram.withUnsafeMutableBufferPointer { out in
                    cross.withUnsafeMutableBufferPointer { crossOut in
                        derive(
                            gram: g.baseAddress!, cross: c.baseAddress!, into: out.baseAddress!,
                            crossInto: crossOut.baseAddress!)
                    }
                }
            }
        }
        return ReferenceCorrelations(
            signalCount: signalCount, estimateCount: signalCount, filterLength: filterLength,
            gramLags: gram, crossLags: cross, trackSums: sums)
    }

    /// Writes reference channel k of this view over `count` samples of `window` (pass
    /// channels) to `out`: the weighted sum, its terms added in order.
    func formReference(
        _ k: Int, from window: [UnsafePointer<Double>], offset: Int, count: Int, into out: UnsafeMutablePointer<Double>
    ) {
        let terms = references[k]
        guard let head = terms.first else {
            out.update(repeating: 0, count: count)
            return
        }
        let first = window[head.channel] + offset
        for i in 0..<count { out[i] = head.weight == 1 ? first[i] : head.weight * first[i] }
        for (channel, weight) in terms.dropFirst() {
            let source = window[channel] + offset
            if weight == 1 {
                for i in 0..<count { out[i] += source[i] }
            } else {
                for i in 0..<count { out[i] += weight * source[i] }
            }
        }
    }
}
