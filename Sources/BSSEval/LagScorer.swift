import DSP

/// Scores a frame from its own correlation lags (`FrameCorrelations`) instead of its
/// spectra: every energy of the decomposition is a quadratic form in the frame's lags.
///
/// With P = Σ_p C_p ∗ x_p (the projection on all references) and the frame zero-padded,
/// ‖P‖² = Σ_{p,q} Σ_m G_pq(m)·W_pq(m), where G_pq(m) = Σₙ x_p[n+m]·x_q[n] are the frame's
/// Gram lags and W_pq(m) = Σ_k C_p[k]·C_q[k+m] the filters' own correlations (once per
/// track); ⟨P, ŝ⟩ and ⟨P, s⟩ are dot products of the taps with the cross and Gram lags.
/// The energies of differences (‖ŝ − P‖² = ‖ŝ‖² − 2⟨ŝ, P⟩ + ‖P‖², …) then follow
/// without any signal of the frame being formed: ~0.5 M multiply-adds per frame for MUSDB
/// instead of 16 FFTs of 44 800 points and the spectral products.
///
/// Numerical trap: those differences cancel when a residual is small next to the terms
/// (a near-perfect estimate), and the lags carry FFT rounding of the order of
/// ε·‖x_p‖·‖x_q‖ whatever their value. Each energy therefore comes with a bound on its
/// rounding error (per-lag error `lagError`·‖x_p‖·‖x_q‖, propagated with Cauchy–Schwarz
/// through the filters' correlations); when an energy is not at least
/// `requiredMargin` times its bound, the frame is left to the spectral `FrameScorer`,
/// which forms the residual before squaring it.
final class LagScorer {
    /// Per-lag rounding error of the frame lags, relative to ‖x_p‖·‖x_q‖ (FFT rounding
    /// is ~ε·log₂N ≈ 1e-15; ten times that).
    static let lagError = 1e-14
    /// Each energy must be this many times its worst-case bound: ≤ 5e-5 relative, so a
    /// metric (a ratio of two energies) is within 4.3e-4 dB even in the worst case. The
    /// bound assumes every lag's error at its maximum and aligned with the filters'
    /// correlations; the errors measured on real music are 90–300 times below it (see
    /// `testRealMusicIsScoredFromLags`), so the scores are typically within a few 1e-6 dB
    /// at the margin and ~1e-7 dB in practice. A margin of 1e6 sent every frame of real
    /// music to the spectral scorer: band-limited stems make the filters large where the
    /// stems are quiet, and the bound grows with ‖C‖².
    static let requiredMargin = 2e4

    private struct Projection { // estimate jest, output channel c
        var taps: [Double] // K × L
        var tapNorms: [Double] // ‖C_p‖₂
        var w: [Double] // Gram pair layout × (2L − 1)
        var wNorms: [Double] // ‖W_pq‖₂ per pair
    }

    private struct Spatial { // pair (jtrue, jest), output channel c
        var taps: [Double] // nchan × L
        var tapNorms: [Double]
        var w: [Double] // own-channel pairs (local pair index) × (2L − 1)
        var wNorms: [Double]
        var x: [Double] // (cin·K + p) × (2L − 1), oriented like the stored Gram pair
        var xNorms: [Double]
    }

    let K: Int, Ke: Int, nchan: Int, L: Int
    let pairs: [(Int, Int)]
    private let projections: [Int: [Projection]] // jest → [c]
    private let spatials: [[Spatial]] // pair slot → [c]

    init(filters: FilterSpectra, pairs: [(Int, Int)], references K: Int, estimates Ke: Int, filterLength L: Int) {
        self.K = K
        self.Ke = Ke
        self.L = L
        self.pairs = pairs
        let nchan = filters.channelCount, nsrc = filters.sourceCount
        self.nchan = nchan
        let size = RealFFT.fastSize(atLeast: 2 * L - 1)
        let fft = RealFFT(size: size), bins = size / 2 + 1
        let spectra = SplitSpectra(count: K + nchan, bins: bins)
        let product = SplitSpectra(count: 1, bins: bins)
        var lagBuffer = [Double](repeating: 0, count: size)
        let span = 2 * L - 1
        /// Σₙ a[n+m]·b[n] for m = −(L−1)…L−1 (rows of `spectra`), written to `out`.
        func correlate(_ a: Int, _ b: Int, reversed: Bool, into out: UnsafeMutablePointer<Double>) {
            product.clear()
            SplitSpectra.accumulateCorrelation(
                product.vectors(0), spectra.vectors(a), spectra.vectors(b), vectors: product.vectorCount)
            lagBuffer.withUnsafeMutableBufferPointer { lag in
                fft.inverse(real: product.real(0), imaginary: product.imaginary(0), into: lag)
                for m in -(L - 1)..<L {
                    let value = lag[m >= 0 ? m : size + m]
                    out[reversed ? L - 1 - m : m + L - 1] = value
                }
            }
        }
        func norm(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
            (0..<n).reduce(0) { $0 + p[$1] * p[$1] }.squareRoot()
        }
        let estimates = Array(Set(pairs.map { $0.1 })).sorted()
        var projections: [Int: [Projection]] = [:]
        for jest in estimates {
            let all = filters.projectionTaps[jest]!
            projections[jest] = (0..<nchan).map { c in
                let taps = Array(all[c * K * L..<(c + 1) * K * L])
                taps.withUnsafeBufferPointer { t in
                    for p in 0..<K {
                        spectra.transform(fft, UnsafeBufferPointer(start: t.baseAddress! + p * L, count: L), into: p)
                    }
                }
                let pairCount = K * (K + 1) / 2
                var w = [Double](repeating: 0, count: pairCount * span)
                w.withUnsafeMutableBufferPointer { out in
                    for p in 0..<K {
                        for q in 0...p {
                            correlate(
                                q, p, reversed: false,
                                into: out.baseAddress! + ReferenceCorrelations.pairIndex(p, q) * span)
                        }
                    }
                }
                return w.withUnsafeBufferPointer { wp in
                    taps.withUnsafeBufferPointer { t in
                        Projection(
                            taps: taps, tapNorms: (0..<K).map { norm(t.baseAddress! + $0 * L, L) }, w: w,
                            wNorms: (0..<pairCount).map { norm(wp.baseAddress! + $0 * span, span) })
                    }
                }
            }
        }
        self.projections = projections
        spatials = pairs.map { jtrue, jest in
            let all = filters.spatialTaps[jtrue * nsrc + jest]!
            return (0..<nchan).map { c in
                let taps = Array(all[c * nchan * L..<(c + 1) * nchan * L])
                let own = Array(projections[jest]![c].taps)
                own.withUnsafeBufferPointer { t in
                    for p in 0..<K {
                        spectra.transform(fft, UnsafeBufferPointer(start: t.baseAddress! + p * L, count: L), into: p)
                    }
                }
                taps.withUnsafeBufferPointer { t in
                    for cin in 0..<nchan {
                        spectra.transform(
                            fft, UnsafeBufferPointer(start: t.baseAddress! + cin * L, count: L), into: K + cin)
                    }
                }
                let localPairs = nchan * (nchan + 1) / 2
                var w = [Double](repeating: 0, count: localPairs * span)
                var x = [Double](repeating: 0, count: nchan * K * span)
                w.withUnsafeMutableBufferPointer { out in
                    for a in 0..<nchan {
                        for b in 0...a {
                            correlate(
                                K + b, K + a, reversed: false,
                                into: out.baseAddress! + ReferenceCorrelations.pairIndex(a, b) * span)
                        }
                    }
                }
                x.withUnsafeMutableBufferPointer { out in
                    for cin in 0..<nchan {
                        let a = jtrue * nchan + cin
                        // X(m) = Σ_k Cj_cin[k]·C_p[k+m], against G(a, p, m): stored at pair (a, p)
                        // lag m when p ≤ a, else at pair (p, a) lag −m (reversed).
                        for p in 0..<K {
                            correlate(p, K + cin, reversed: p > a, into: out.baseAddress! + (cin * K + p) * span)
                        }
                    }
                }
                return w.withUnsafeBufferPointer { wp in
                    x.withUnsafeBufferPointer { xp in
                        taps.withUnsafeBufferPointer { t in
                            Spatial(
                                taps: taps, tapNorms: (0..<nchan).map { norm(t.baseAddress! + $0 * L, L) },
                                w: w, wNorms: (0..<localPairs).map { norm(wp.baseAddress! + $0 * span, span) },
                                x: x, xNorms: (0..<(nchan * K)).map { norm(xp.baseAddress! + $0 * span, span) })
                        }
                    }
                }
            }
        }
    }

    /// The energies of every pair on one frame from its lags `g` (`FrameCorrelations`
    /// layout) and the estimate channels' energies; nil for a pair whose energies the
    /// lags cannot give to the required accuracy.
    func score(lags g: UnsafePointer<Double>, estimateEnergies ee: [Double]) -> [DecompositionEnergies?] {
        let span = 2 * L - 1, gramCount = K * (K + 1) / 2 * span
        @inline(__always) func gramRow(_ p: Int, _ q: Int) -> UnsafePointer<Double> { // q ≤ p, at lag 0
            g + ReferenceCorrelations.pairIndex(p, q) * span + L - 1
        }
        let norms = (0..<K).map { max(0, gramRow($0, $0)[0]).squareRoot() }
        let rootSpan = Double(span).squareRoot(), rootL = Double(L).squareRoot(), delta = Self.lagError
        // Σ_k taps[k]·G(p, s, −k) for reference channels p and s.
        func tapsAgainstGram(_ taps: UnsafePointer<Double>, _ p: Int, _ s: Int) -> Double {
            if s <= p {
                let row = gramRow(p, s) // G(p, s, −k) at row[−k]
                var sum = 0.0
                for k in 0..<L { sum += taps[k] * row[-k] }
                return sum
            }
            return Self.dot(taps, gramRow(s, p), L) // G(s, p, k)
        }
        // Per estimate channel: ‖P‖², ⟨P, ŝ⟩ and their error bounds.
        var projected: [Int: (pp: Double, pe: Double, errPP: Double, errPE: Double)] = [:]
        for (jest, perChannel) in projections {
            for c in 0..<nchan {
                let proj = perChannel[c], ec = jest * nchan + c
                var pp = 0.0, errPP = 0.0, pe = 0.0, weighted = 0.0
                proj.w.withUnsafeBufferPointer { w in
                    for p in 0..<K {
                        for q in 0...p {
                            let i = ReferenceCorrelations.pairIndex(p, q), f = p == q ? 1.0 : 2.0
                            pp += f * Self.dot(g + i * span, w.baseAddress! + i * span, span)
                            errPP += f * norms[p] * norms[q] * proj.wNorms[i]
                        }
                    }
                }
                proj.taps.withUnsafeBufferPointer { t in
                    for p in 0..<K {
                        pe += Self.dot(t.baseAddress! + p * L, g + gramCount + (p * Ke + ec) * L, L)
                        weighted += norms[p] * proj.tapNorms[p]
                    }
                }
                let ne = max(0, ee[ec]).squareRoot()
                projected[ec] = (pp, pe, delta * rootSpan * errPP, delta * rootL * ne * weighted)
            }
        }
        return pairs.indices.map { slot in
            let (jtrue, jest) = pairs[slot]
            var value = DecompositionEnergies.zero, error = DecompositionEnergies.zero
            for c in 0..<nchan {
                let sp = spatials[slot][c]
                let s = jtrue * nchan + c, ec = jest * nchan + c
                let (pp, pe, errPP, errPE) = projected[ec]!
                let ns = norms[s], eeC = ee[ec], ne = max(0, eeC).squareRoot()
                let ss = gramRow(s, s)[0], es = g[gramCount + (s * Ke + ec) * L]
                var jj = 0.0, errJJ = 0.0, js = 0.0, je = 0.0, jp = 0.0, errJP = 0.0, ownWeighted = 0.0
                sp.w.withUnsafeBufferPointer { w in
                    for a in 0..<nchan {
                        for b in 0...a {
                            let i = ReferenceCorrelations.pairIndex(a, b), f = a == b ? 1.0 : 2.0
                            let (pa, pb) = (jtrue * nchan + a, jtrue * nchan + b)
                            jj += f * Self.dot(gramRow(pa, pb) - (L - 1), w.baseAddress! + i * span, span)
                            errJJ += f * norms[pa] * norms[pb] * sp.wNorms[i]
                        }
                    }
                }
                sp.taps.withUnsafeBufferPointer { t in
                    for cin in 0..<nchan {
                        let a = jtrue * nchan + cin, taps = t.baseAddress! + cin * L
                        js += tapsAgainstGram(taps, a, s)
                        je += Self.dot(taps, g + gramCount + (a * Ke + ec) * L, L)
                        ownWeighted += norms[a] * sp.tapNorms[cin]
                    }
                }
                sp.x.withUnsafeBufferPointer { x in
                    for cin in 0..<nchan {
                        let a = jtrue * nchan + cin
                        for p in 0..<K {
                            let row = p <= a ? gramRow(a, p) : gramRow(p, a)
                            jp += Self.dot(row - (L - 1), x.baseAddress! + (cin * K + p) * span, span)
                            errJP += norms[a] * norms[p] * sp.xNorms[cin * K + p]
                        }
                    }
                }
                errJJ *= delta * rootSpan
                errJP *= delta * rootSpan
                let errJS = delta * rootL * ns * ownWeighted, errJE = delta * rootL * ne * ownWeighted
                let errSS = delta * ns * ns, errES = delta * ns * ne, errEE = delta * ne * ne
                // Each energy with the bound on its rounding error.
                func add(_ field: WritableKeyPath<DecompositionEnergies, Double>, _ v: Double, _ e: Double) {
                    value[keyPath: field] += v
                    error[keyPath: field] += e
                }
                add(\.target, ss, errSS)
                add(\.spatial, jj - 2 * js + ss, errJJ + 2 * errJS + errSS)
                add(\.distortion, eeC - 2 * es + ss, errEE + 2 * errES + errSS)
                add(\.filtered, jj, errJJ)
                add(\.interference, pp - 2 * jp + jj, errPP + 2 * errJP + errJJ)
                add(\.projected, pp, errPP)
                add(\.artifacts, eeC - 2 * pe + pp, errEE + 2 * errPE + errPP)
                add(\.filteredError, eeC - 2 * je + jj, errEE + 2 * errJE + errJJ)
            }
            let margin = Self.requiredMargin
            let accurate = [
                (value.target, error.target), (value.spatial, error.spatial),
                (value.distortion, error.distortion), (value.filtered, error.filtered),
                (value.interference, error.interference), (value.projected, error.projected),
                (value.artifacts, error.artifacts), (value.filteredError, error.filteredError)
            ]
            .allSatisfy { v, e in e.isFinite && v > margin * e }
            return accurate ? value : nil
        }
    }

    /// Σ a[i]·b[i] in four lanes.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var lanes = SIMD4<Double>()
        let whole = n / 4 * 4
        for i in stride(from: 0, to: whole, by: 4) {
            lanes +=
                UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
                * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD4<Double>.self)
        }
        var sum = lanes.sum()
        for i in whole..<n { sum += a[i] * b[i] }
        return sum
    }
}
