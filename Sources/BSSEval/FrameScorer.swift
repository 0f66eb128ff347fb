import DSP

/// Scores frames with fixed filters, entirely in the frequency domain.
///
/// The frame (win samples) is zero-padded to the FFT size M ≥ win + L − 1, so the
/// product of spectra is the linear convolution museval computes, and by Parseval every
/// energy Σₙ|x[n]|² is (|X₀|² + 2Σ|X_k|² + |X_{M/2}|²)/M over the rfft bins; the common
/// factor 1/M cancels in the ratios and is left out. One instance per thread; it owns its
/// work spectra, so scoring a frame allocates nothing.
final class FrameScorer {
    let filters: FilterSpectra
    let refs: SignalSet
    let ests: SignalSet
    let fft: RealFFT
    let referenceSpectra: Spectra
    let estimateSpectra: Spectra
    let projected: Spectra
    let filtered: Spectra

    init(filters: FilterSpectra, refs: SignalSet, ests: SignalSet) {
        self.filters = filters
        self.refs = refs
        self.ests = ests
        fft = RealFFT(size: filters.frameSize)
        referenceSpectra = Spectra(count: refs.signalCount, bins: filters.bins)
        estimateSpectra = Spectra(count: ests.signalCount, bins: filters.bins)
        projected = Spectra(count: refs.channelCount, bins: filters.bins)
        filtered = Spectra(count: refs.channelCount, bins: filters.bins)
    }

    func score(frame range: Range<Int>, t: Int, pairs: [(Int, Int)], criteria: BSSEvalOptions.Criteria,
               into sink: ScoreSink) {
        let nchan = refs.channelCount, K = refs.signalCount, bins = filters.bins
        let S = referenceSpectra, E = estimateSpectra, P = projected, Pj = filtered
        let estimates = Array(Set(pairs.map { $0.1 })).sorted()
        refs.withChannelPointers { r in
            for p in 0..<K {
                fft.forward(UnsafeBufferPointer(start: r[p] + range.lowerBound, count: range.count), into: S.buffer(p))
            }
        }
        ests.withChannelPointers { e in
            for jest in estimates {
                for c in 0..<nchan {
                    let k = jest * nchan + c
                    fft.forward(UnsafeBufferPointer(start: e[k] + range.lowerBound, count: range.count), into: E.buffer(k))
                }
            }
        }
        // Parseval weights: 1 for DC (and Nyquist when M is even), 2 for the others.
        let lastDouble = filters.frameSize % 2 == 0 ? bins - 1 : bins
        for jest in estimates {
            // P = Σ_p C[jest][p → c] ∗ reference channel p: depends on the estimate only.
            let h = filters.projection(jest)
            for c in 0..<nchan {
                P.buffer(c).update(repeating: .zero)
                for p in 0..<K { Spectra.accumulateProduct(P[c], h[p * nchan + c], S[p], bins: bins) }
            }
            for jtrue in pairs.filter({ $0.1 == jest }).map({ $0.0 }) {
                let hj = filters.spatial(jtrue, jest)
                var energies = DecompositionEnergies(target: 0, spatial: 0, distortion: 0, filtered: 0,
                                                     interference: 0, projected: 0, artifacts: 0, filteredError: 0)
                for c in 0..<nchan {
                    Pj.buffer(c).update(repeating: .zero)
                    for cin in 0..<nchan {
                        Spectra.accumulateProduct(Pj[c], hj[cin * nchan + c], S[jtrue * nchan + cin], bins: bins)
                    }
                    FrameScorer.accumulate(&energies, s: S[jtrue * nchan + c], e: E[jest * nchan + c],
                                           p: P[c], pj: Pj[c], range: 0..<1, weight: 1)
                    FrameScorer.accumulate(&energies, s: S[jtrue * nchan + c], e: E[jest * nchan + c],
                                           p: P[c], pj: Pj[c], range: 1..<lastDouble, weight: 2)
                    FrameScorer.accumulate(&energies, s: S[jtrue * nchan + c], e: E[jest * nchan + c],
                                           p: P[c], pj: Pj[c], range: lastDouble..<bins, weight: 1)
                }
                sink.set(energies.ratios(criteria), jtrue, jest, t)
            }
        }
    }

    /// Adds the weighted energies of the decomposition over `range` of the bins: with
    /// s = reference, ŝ = estimate, P = full projection, P_j = projection on the own
    /// reference: s, P_j − s (spatial), ŝ − s (distortion), P_j, P − P_j (interference),
    /// P, ŝ − P (artefacts), ŝ − P_j.
    @inline(__always)
    static func accumulate(_ out: inout DecompositionEnergies,
                           s: UnsafeMutablePointer<Complex<Double>>, e: UnsafeMutablePointer<Complex<Double>>,
                           p: UnsafeMutablePointer<Complex<Double>>, pj: UnsafeMutablePointer<Complex<Double>>,
                           range: Range<Int>, weight: Double) {
        var target = 0.0, spatial = 0.0, distortion = 0.0, filtered = 0.0
        var interference = 0.0, projected = 0.0, artifacts = 0.0, filteredError = 0.0
        for k in range {
            let sr = s[k].real, si = s[k].imaginary, er = e[k].real, ei = e[k].imaginary
            let pr = p[k].real, pi = p[k].imaginary, qr = pj[k].real, qi = pj[k].imaginary
            target += sr * sr + si * si
            spatial += (qr - sr) * (qr - sr) + (qi - si) * (qi - si)
            distortion += (er - sr) * (er - sr) + (ei - si) * (ei - si)
            filtered += qr * qr + qi * qi
            interference += (pr - qr) * (pr - qr) + (pi - qi) * (pi - qi)
            projected += pr * pr + pi * pi
            artifacts += (er - pr) * (er - pr) + (ei - pi) * (ei - pi)
            filteredError += (er - qr) * (er - qr) + (ei - qi) * (ei - qi)
        }
        out.target += weight * target
        out.spatial += weight * spatial
        out.distortion += weight * distortion
        out.filtered += weight * filtered
        out.interference += weight * interference
        out.projected += weight * projected
        out.artifacts += weight * artifacts
        out.filteredError += weight * filteredError
    }
}
