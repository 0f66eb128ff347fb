import XCTest

@testable import BSSEval

/// Compares our scores with museval's, value by value.
///
/// Rules: the NaN pattern must be identical; +∞ must meet +∞; finite values must agree
/// within `tolerance` dB (0.01, or twice museval's measured rounding spread on
/// ill-conditioned cases), except where museval's value is above `roundoffFloor` dB: there
/// the error energy is below 10⁻¹⁵ of the signal's, i.e. pure float64 rounding noise in
/// both implementations (e.g. ISR of a perfect estimate, ~180–215 dB in museval), and we
/// require only that ours is above the floor too.
struct GoldenComparison {
    static let defaultTolerance = 0.01
    static let roundoffFloor = 150.0

    /// 0.01 dB, or twice museval's own rounding spread where that is larger: on an
    /// ill-conditioned Gram matrix museval's numbers are only that precise themselves.
    var tolerance = GoldenComparison.defaultTolerance

    var maxDifference = 0.0
    var compared = 0
    var failures: [String] = []

    mutating func compare(_ ours: Double, _ theirs: Double, _ what: @autoclosure () -> String) {
        compared += 1
        if theirs.isNaN || ours.isNaN {
            if theirs.isNaN != ours.isNaN { failures.append("\(what()): ours \(ours), museval \(theirs)") }
            return
        }
        if theirs.isInfinite || ours.isInfinite {
            if theirs == ours { return }
            if theirs > Self.roundoffFloor && ours > Self.roundoffFloor { return }
            failures.append("\(what()): ours \(ours), museval \(theirs)")
            return
        }
        if theirs > Self.roundoffFloor {
            if ours <= Self.roundoffFloor {
                failures.append("\(what()): ours \(ours), museval \(theirs) (rounding floor)")
            }
            return
        }
        let d = abs(ours - theirs)
        maxDifference = max(maxDifference, d)
        if d > tolerance { failures.append("\(what()): ours \(ours), museval \(theirs), |Δ| = \(d)") }
    }

    mutating func compare(_ ours: BSSEvalScores, _ golden: GoldenCase) {
        tolerance = max(Self.defaultTolerance, 2 * golden.roundingSpread)
        let metrics: [(String, [[Double]])] = [
            ("SDR", ours.sdr), ("ISR", ours.isr), ("SIR", ours.sir), ("SAR", ours.sar)
        ]
        for (name, values) in metrics {
            let theirs = golden.scores[name]!
            guard theirs.count == values.count, zip(theirs, values).allSatisfy({ $0.count == $1.count }) else {
                failures.append("\(name): shape \(values.map(\.count)) vs museval \(theirs.map(\.count))")
                continue
            }
            for j in values.indices {
                for t in values[j].indices { compare(values[j][t], theirs[j][t], "\(name)[\(j)][\(t)]") }
            }
        }
        if ours.permutation != golden.permutation {
            failures.append("permutation \(ours.permutation) vs museval \(golden.permutation)")
        }
    }
}
