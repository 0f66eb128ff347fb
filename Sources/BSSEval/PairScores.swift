import Foundation

/// The four ratios of every scored (reference, estimate) pair in every frame, before the
/// permutation is chosen: `value(metric, reference, estimate, frame)`, NaN when unscored.
struct PairScores {
    enum Metric: Int, CaseIterable {
        case sdr = 0
        case isr, sir, sar
    }

    let layout: PairScoreLayout
    var values: [Double]

    var sourceCount: Int { layout.sourceCount }
    var frameCount: Int { layout.frameCount }

    init(sourceCount: Int, frameCount: Int) {
        layout = PairScoreLayout(sourceCount: sourceCount, frameCount: frameCount)
        values = [Double](repeating: .nan, count: layout.count)
    }

    subscript(_ m: Metric, _ jtrue: Int, _ jest: Int, _ t: Int) -> Double {
        get { values[layout.index(m.rawValue, jtrue, jest, t)] }
        set { values[layout.index(m.rawValue, jtrue, jest, t)] = newValue }
    }

    /// Stores the ratios of one pair in one frame (sdr, isr, sir, sar).
    mutating func set(_ r: (Double, Double, Double, Double), _ jtrue: Int, _ jest: Int, _ t: Int) {
        let layout = self.layout
        values.withUnsafeMutableBufferPointer { layout.store(r, jtrue, jest, t, in: $0.baseAddress!) }
    }
}

/// Where `PairScores` keeps each ratio: metric-major, then reference, estimate and frame,
/// so that one metric of one pair is a contiguous row over the frames.
struct PairScoreLayout: Sendable {
    let sourceCount: Int
    let frameCount: Int

    /// Values in the whole table.
    var count: Int { 4 * sourceCount * sourceCount * frameCount }

    @inline(__always)
    func index(_ m: Int, _ jtrue: Int, _ jest: Int, _ t: Int) -> Int {
        ((m * sourceCount + jtrue) * sourceCount + jest) * frameCount + t
    }

    /// Writes the ratios (sdr, isr, sir, sar) of the pair (jtrue, jest) in frame `t` into
    /// a table of `count` values at `values`.
    @inline(__always)
    func store(
        _ r: (Double, Double, Double, Double), _ jtrue: Int, _ jest: Int, _ t: Int,
        in values: UnsafeMutablePointer<Double>
    ) {
        values[index(0, jtrue, jest, t)] = r.0
        values[index(1, jtrue, jest, t)] = r.1
        values[index(2, jtrue, jest, t)] = r.2
        values[index(3, jtrue, jest, t)] = r.3
    }
}

/// museval's energy ratio: 10·log10(num / den), +∞ when the denominator is exactly 0.
@inline(__always)
func safeDecibels(_ num: Double, _ den: Double) -> Double {
    den == 0 ? .infinity : 10 * log10(num / den)
}

/// The ratios from the energies of one decomposition.
///
/// Images: SDR = ‖s‖²/‖e_spat+e_interf+e_artif‖², ISR = ‖s‖²/‖e_spat‖²,
/// SIR = ‖s+e_spat‖²/‖e_interf‖², SAR = ‖s+e_spat+e_interf‖²/‖e_artif‖².
/// Sources: the target is s_filt = s + e_spat; ISR is NaN.
struct DecompositionEnergies {
    var target: Double // ‖s_true‖²
    var spatial: Double // ‖e_spat‖²
    var distortion: Double // ‖e_spat + e_interf + e_artif‖² = ‖ŝ − s‖²
    var filtered: Double // ‖s_true + e_spat‖² = ‖P_j‖²
    var interference: Double // ‖e_interf‖² = ‖P − P_j‖²
    var projected: Double // ‖s_true + e_spat + e_interf‖² = ‖P‖²
    var artifacts: Double // ‖e_artif‖² = ‖ŝ − P‖²
    var filteredError: Double // ‖e_interf + e_artif‖² = ‖ŝ − P_j‖² (sources criteria)

    static let zero = DecompositionEnergies(
        target: 0, spatial: 0, distortion: 0, filtered: 0,
        interference: 0, projected: 0, artifacts: 0, filteredError: 0)

    /// `weight · self − other`, field by field.
    func weighted(_ weight: Double, minus other: DecompositionEnergies) -> DecompositionEnergies {
        DecompositionEnergies(
            target: weight * target - other.target, spatial: weight * spatial - other.spatial,
            distortion: weight * distortion - other.distortion,
            filtered: weight * filtered - other.filtered,
            interference: weight * interference - other.interference,
            projected: weight * projected - other.projected,
            artifacts: weight * artifacts - other.artifacts,
            filteredError: weight * filteredError - other.filteredError)
    }

    func ratios(_ criteria: BSSEvalOptions.Criteria) -> (Double, Double, Double, Double) {
        switch criteria {
        case .images:
            return (
                safeDecibels(target, distortion), safeDecibels(target, spatial),
                safeDecibels(filtered, interference), safeDecibels(projected, artifacts)
            )
        case .sources:
            return (
                safeDecibels(filtered, filteredError), .nan,
                safeDecibels(filtered, interference), safeDecibels(projected, artifacts)
            )
        }
    }
}
