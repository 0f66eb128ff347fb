/// A second evaluation scored from the same pass over the samples as a first one, as
/// museval's vocals/accompaniment run goes with its four-source run: each of its references
/// is a weighted sum of the first evaluation's references (accompaniment = drums + bass +
/// other), each of its estimates is one of the first evaluation's or one of its own.
///
/// The pass reads the first evaluation's signals and the derived evaluation's own
/// estimates once; the derived lags are sums of the pass's (`LagView`). `references` and
/// `estimates` are the derived evaluation's signals in full: they are read again only for
/// what must be revisited (frames the lag scorer refuses, an ill-conditioned Gram matrix,
/// a pure-gain SI-SDR residual), and their own estimates in the pass.
public struct DerivedEvaluation<References: SignalSource, Estimates: SignalSource> {
    /// One first-evaluation reference in a derived reference's sum.
    public struct Term: Sendable, Equatable {
        /// The first evaluation's reference source.
        public var source: Int
        public var weight: Double
        public init(source: Int, weight: Double = 1) {
            self.source = source
            self.weight = weight
        }
    }

    /// The derived references: source `j` must give the sum of `referenceTerms[j]` (the
    /// first term times its weight, then each further term times its weight added in
    /// order, as a MUSDB target sums its stems).
    public var references: References
    /// The derived estimates: source `j` must equal first estimate `sharedEstimates[j]`
    /// when that is not nil.
    public var estimates: Estimates
    /// The first evaluation's references that derived reference `j` sums, in order.
    public var referenceTerms: [[Term]]
    /// For each derived estimate: the first evaluation's estimate it is, or nil when it is
    /// its own (read from `estimates` in the pass).
    public var sharedEstimates: [Int?]

    public init(references: References, estimates: Estimates, referenceTerms: [[Term]], sharedEstimates: [Int?]) {
        self.references = references
        self.estimates = estimates
        self.referenceTerms = referenceTerms
        self.sharedEstimates = sharedEstimates
    }
}

/// The first evaluation's estimates followed by a derived evaluation's own ones: the
/// estimates of the shared pass.
struct EstimateUnion<First: SignalSource, Second: SignalSource>: SignalSource {
    let first: First
    let second: Second
    /// The sources of `second` read, in order.
    let own: [Int]

    var sourceCount: Int { first.sourceCount + own.count }
    var channelCount: Int { first.channelCount }
    var length: Int { first.length }
    var residentByteCount: Int { first.residentByteCount + second.residentByteCount }

    func read(source: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        if source < first.sourceCount {
            try first.read(source: source, range: range, into: channels)
        } else {
            try second.read(source: own[source - first.sourceCount], range: range, into: channels)
        }
    }
}
