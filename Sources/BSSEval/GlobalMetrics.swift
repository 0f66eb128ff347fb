import Dispatch
import Foundation

/// Whole-track figures per source, reference `j` against estimate `j`.
enum GlobalMetrics {
    /// (nsdr, SI-SDR) per source; see `BSSEvalScores.nsdr` and `.siSDR` for the definitions.
    /// Sources run in parallel; each sum is kept in four SIMD lanes (a fixed order, so the
    /// result does not depend on the thread count).
    static func compute(_ refs: SignalSet, _ ests: SignalSet) -> ([Double], [Double]) {
        let nsrc = refs.sourceCount
        var results = [(Double, Double)](repeating: (0, 0), count: nsrc)
        refs.withChannelPointers { r in
            ests.withChannelPointers { e in
                results.withUnsafeMutableBufferPointer { out in
                    let sink = out
                    DispatchQueue.concurrentPerform(iterations: nsrc) { j in
                        sink[j] = source(j, r, e, channels: refs.channelCount, length: refs.length)
                    }
                }
            }
        }
        return (results.map(\.0), results.map(\.1))
    }

    private typealias Lanes = SIMD4<Double>

    private static func source(_ j: Int, _ r: [UnsafePointer<Double>], _ e: [UnsafePointer<Double>],
                               channels nchan: Int, length n: Int) -> (Double, Double) {
        let whole = n / 4 * 4
        @inline(__always) func lanes(_ p: UnsafePointer<Double>, _ i: Int) -> Lanes {
            UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
        }
        var ss = Lanes(), err = Lanes(), cross = Lanes()
        for c in 0..<nchan {
            let s = r[j * nchan + c], x = e[j * nchan + c]
            for i in stride(from: 0, to: whole, by: 4) {
                let sv = lanes(s, i), xv = lanes(x, i), d = sv - xv
                ss += sv * sv
                err += d * d
                cross += xv * sv
            }
            for i in whole..<n {
                let d = s[i] - x[i]
                ss[0] += s[i] * s[i]
                err[0] += d * d
                cross[0] += x[i] * s[i]
            }
        }
        let energy = ss.sum()
        let nsdr = 10 * log10((energy + 1e-7) / (err.sum() + 1e-7))
        // SI-SDR: the error is measured against the scaled reference α s directly, not as
        // ‖ŝ‖² − ⟨ŝ, s⟩²/‖s‖², which cancels catastrophically for good estimates.
        let alpha = cross.sum() / energy
        var target = Lanes(), residual = Lanes()
        for c in 0..<nchan {
            let s = r[j * nchan + c], x = e[j * nchan + c]
            for i in stride(from: 0, to: whole, by: 4) {
                let t = alpha * lanes(s, i), d = t - lanes(x, i)
                target += t * t
                residual += d * d
            }
            for i in whole..<n {
                let t = alpha * s[i], d = t - x[i]
                target[0] += t * t
                residual[0] += d * d
            }
        }
        return (nsdr, safeDecibels(target.sum(), residual.sum()))
    }
}
