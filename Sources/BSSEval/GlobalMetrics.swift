import Dispatch
import Foundation

/// Whole-track figures per source, reference `j` against estimate `j`.
enum GlobalMetrics {
    /// The three whole-track sums per source from which nsdr and SI-SDR follow:
    /// ‖s‖², ‖d‖² and ⟨s, d⟩ with d = ŝ − s (the error itself, not ‖ŝ‖² − …), over all
    /// channels. `ReferenceCorrelations` gathers them in its pass over the track.
    struct Sums {
        var energy = 0.0
        var error = 0.0
        var projection = 0.0
    }

    /// Four-lane partial sums of one channel's samples (lane i takes samples i mod 4).
    typealias Lanes = SIMD4<Double>

    /// Adds ‖s‖², ‖ŝ − s‖², ⟨s, ŝ − s⟩ over `count` samples into lanes.
    @inline(__always)
    static func accumulate(
        _ s: UnsafePointer<Double>, _ x: UnsafePointer<Double>, count n: Int,
        energy: inout Lanes, error: inout Lanes, projection: inout Lanes
    ) {
        let whole = n / 4 * 4
        for i in stride(from: 0, to: whole, by: 4) {
            let sv = UnsafeRawPointer(s + i).loadUnaligned(as: Lanes.self)
            let d = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self) - sv
            energy += sv * sv
            error += d * d
            projection += sv * d
        }
        for i in whole..<n {
            let d = x[i] - s[i]
            energy[0] += s[i] * s[i]
            error[0] += d * d
            projection[0] += s[i] * d
        }
    }

    /// (nsdr, SI-SDR) per source of arrays in memory (see `compute(_:sums:)`).
    static func compute(_ refs: SignalSet, _ ests: SignalSet, sums: [Sums]? = nil, threads: Int) -> ([Double], [Double])
    {
        do {
            return try compute(MemorySamples(references: refs, estimates: ests), sums: sums, threads: threads)
        } catch {
            // Memory cannot fail to be read.
            let none = [Double](repeating: .nan, count: refs.sourceCount)
            return (none, none)
        }
    }

    /// Samples per read of the whole-track passes below: a multiple of the four lanes, so a
    /// channel read in pieces is summed in exactly the order it is summed whole.
    static let chunk = 1 << 16

    /// (nsdr, SI-SDR) per source; see `BSSEvalScores.nsdr` and `.siSDR` for the definitions.
    /// `sums`, when given, are the whole-track sums gathered elsewhere; otherwise one pass
    /// per source computes them. Sources run in parallel.
    /// At most `threads` sources at a time.
    static func compute(_ samples: some SampleAccess, sums: [Sums]?, threads: Int) throws -> ([Double], [Double]) {
        let nsrc = samples.sourceCount
        var results = [(Double, Double)](repeating: (.nan, .nan), count: nsrc)
        var failures = [Error?](repeating: nil, count: nsrc)
        results.withUnsafeMutableBufferPointer { out in
            failures.withUnsafeMutableBufferPointer { failed in
                let (sink, errors) = (out, failed)
                FastKernel.forEach(nsrc, threads: threads) { j in
                    do {
                        let given = try sums?[j] ?? sourceSums(j, samples)
                        sink[j] = try metrics(j, given, samples)
                    } catch {
                        errors[j] = error
                    }
                }
            }
        }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
        return (results.map(\.0), results.map(\.1))
    }

    /// Calls `body(c, reference, estimate, count)` for source `j`'s channels in order, each
    /// channel in pieces of `chunk` samples in order of position.
    private static func forEachPiece(
        _ j: Int, _ samples: some SampleAccess,
        _ body: (Int, UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Void
    ) throws {
        for c in 0..<samples.channelCount {
            for start in stride(from: 0, to: samples.length, by: chunk) {
                let range = start..<min(start + chunk, samples.length)
                try samples.withSource(.reference, j, range) { r in
                    try samples.withSource(.estimate, j, range) { e in body(c, r[c], e[c], range.count) }
                }
            }
        }
    }

    private static func sourceSums(_ j: Int, _ samples: some SampleAccess) throws -> Sums {
        var energy = Lanes(), error = Lanes(), projection = Lanes()
        try forEachPiece(j, samples) { _, r, e, n in
            accumulate(r, e, count: n, energy: &energy, error: &error, projection: &projection)
        }
        return Sums(energy: energy.sum(), error: error.sum(), projection: projection.sum())
    }

    private static func metrics(_ j: Int, _ sums: Sums, _ samples: some SampleAccess) throws -> (Double, Double) {
        let nsdr = 10 * log10((sums.energy + 1e-7) / (sums.error + 1e-7))
        // SI-SDR with α = ⟨s, ŝ⟩/‖s‖² = 1 + ⟨s, d⟩/‖s‖²: the target is α² ‖s‖² and the residual
        // ‖α s − ŝ‖² = ‖d‖² − ⟨s, d⟩²/‖s‖². That difference cancels when the error is
        // nearly a multiple of s (a pure gain error); then the residual is measured
        // directly in a second pass, against the scaled reference.
        let alpha = 1 + sums.projection / sums.energy
        let residual = sums.error - sums.projection * (sums.projection / sums.energy)
        if residual > 1e-8 * sums.error {
            return (nsdr, safeDecibels(alpha * alpha * sums.energy, residual))
        }
        @inline(__always) func lanes(_ p: UnsafePointer<Double>, _ i: Int) -> Lanes {
            UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
        }
        var target = Lanes(), exact = Lanes()
        try forEachPiece(j, samples) { _, s, x, n in
            let whole = n / 4 * 4
            for i in stride(from: 0, to: whole, by: 4) {
                let t = alpha * lanes(s, i), d = t - lanes(x, i)
                target += t * t
                exact += d * d
            }
            for i in whole..<n {
                let t = alpha * s[i], d = t - x[i]
                target[0] += t * t
                exact[0] += d * d
            }
        }
        return (nsdr, safeDecibels(target.sum(), exact.sum()))
    }
}
