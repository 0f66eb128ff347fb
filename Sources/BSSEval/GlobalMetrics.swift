import Foundation

/// Whole-track figures per source, reference `j` against estimate `j`.
enum GlobalMetrics {
    /// (nsdr, SI-SDR) per source; see `BSSEvalScores.nsdr` and `.siSDR` for the definitions.
    static func compute(_ refs: SignalSet, _ ests: SignalSet) -> ([Double], [Double]) {
        let nchan = refs.channelCount, n = refs.length
        var nsdr = [Double](), siSDR = [Double]()
        refs.withChannelPointers { r in
            ests.withChannelPointers { e in
                for j in 0..<refs.sourceCount {
                    var ss = 0.0, err = 0.0, cross = 0.0
                    for c in 0..<nchan {
                        let s = r[j * nchan + c], x = e[j * nchan + c]
                        for i in 0..<n {
                            ss += s[i] * s[i]
                            let d = s[i] - x[i]
                            err += d * d
                            cross += x[i] * s[i]
                        }
                    }
                    nsdr.append(10 * log10((ss + 1e-7) / (err + 1e-7)))
                    // SI-SDR: the error is measured against the scaled reference α s directly,
                    // not as ‖ŝ‖² − ⟨ŝ, s⟩²/‖s‖², which cancels catastrophically for good estimates.
                    let alpha = cross / ss
                    var target = 0.0, residual = 0.0
                    for c in 0..<nchan {
                        let s = r[j * nchan + c], x = e[j * nchan + c]
                        for i in 0..<n {
                            let t = alpha * s[i]
                            target += t * t
                            let d = t - x[i]
                            residual += d * d
                        }
                    }
                    siSDR.append(safeDecibels(target, residual))
                }
            }
        }
        return (nsdr, siSDR)
    }
}
