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
        // One pass: ‖s‖², ‖d‖² and ⟨s, d⟩ with d = ŝ − s, the error itself (not ‖ŝ‖² − …).
        var ss = Lanes(), dd = Lanes(), sd = Lanes()
        for c in 0..<nchan {
            let s = r[j * nchan + c], x = e[j * nchan + c]
            for i in stride(from: 0, to: whole, by: 4) {
                let sv = lanes(s, i), d = lanes(x, i) - sv
                ss += sv * sv
                dd += d * d
                sd += sv * d
            }
            for i in whole..<n {
                let d = x[i] - s[i]
                ss[0] += s[i] * s[i]
                dd[0] += d * d
                sd[0] += s[i] * d
            }
        }
        let energy = ss.sum(), error = dd.sum(), projection = sd.sum()
        let nsdr = 10 * log10((energy + 1e-7) / (error + 1e-7))
        // SI-SDR with α = ⟨s, ŝ⟩/‖s‖² = 1 + ⟨s, d⟩/‖s‖²: the target is α² ‖s‖² and the residual
        // ‖α s − ŝ‖² = ‖d‖² − ⟨s, d⟩²/‖s‖². That difference cancels when the error is
        // nearly a multiple of s (a pure gain error); then the residual is measured
        // directly in a second pass, against the scaled reference.
        let alpha = 1 + projection / energy
        let residual = error - projection * (projection / energy)
        if residual > 1e-8 * error {
            return (nsdr, safeDecibels(alpha * alpha * energy, residual))
        }
        var target = Lanes(), exact = Lanes()
        for c in 0..<nchan {
            let s = r[j * nchan + c], x = e[j * nchan + c]
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
