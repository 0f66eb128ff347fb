import DSP
import Foundation

/// A plain structural port of museval 0.4.1's `bss_eval`, kept as the test oracle for the
/// fast kernel: FFT correlations of the whole references (power-of-two size, as museval),
/// a dense `G + eps·I` solve per estimate and per (reference, estimate) pair, and per
/// frame time-domain projections by FFT convolution, then museval's exact sequence of
/// subtractions and energy sums. Slow: O((nsrc·nchan·L)³) per estimate.
enum ReferenceKernel {
    static func pairScores(
        references refs: SignalSet, estimates ests: SignalSet,
        options: BSSEvalOptions, pairs: [(Int, Int)]
    ) -> PairScores {
        let framing = Framing(window: options.window, hop: options.hop, length: refs.length)
        var scores = PairScores(sourceCount: refs.sourceCount, frameCount: framing.count)
        let L = options.filterLength
        var filters: Filters? = nil
        if options.mode == .v4 {
            filters = Filters(references: refs, estimates: ests, filterLength: L, pairs: pairs)
        }
        for t in 0..<framing.count {
            let range = framing.range(t)
            let frameRefs = refs.slice(range), frameEsts = ests.slice(range)
            if options.mode == .v3 {
                filters = Filters(references: frameRefs, estimates: frameEsts, filterLength: L, pairs: pairs)
            }
            if refs.anySilent(in: range) || ests.anySilent(in: range) { continue }
            for (jtrue, jest) in pairs {
                let e = decompose(frameRefs, frameEsts, jtrue: jtrue, jest: jest, filters: filters!)
                scores.set(e.ratios(options.criteria), jtrue, jest, t)
            }
        }
        return scores
    }

    /// The distortion filters: `c[jest]` projects estimate `jest` on all references,
    /// `cj[pair]` on reference `jtrue` only. Column-major `rows × nchan`, row
    /// `(j·nchan + cj)·L + lag`.
    struct Filters {
        var c: [Int: [Double]] = [:]
        var cj: [Int: [Double]] = [:] // key jtrue·nsrc + jest

        init(references refs: SignalSet, estimates ests: SignalSet, filterLength L: Int, pairs: [(Int, Int)]) {
            let (g, spectra, fft) = ReferenceKernel.correlations(refs, filterLength: L)
            let K = refs.signalCount, nchan = refs.channelCount, n = K * L
            for jest in Set(pairs.map { $0.1 }) {
                var d = ReferenceKernel.crossCorrelations(
                    spectra, fft: fft, ests, source: jest,
                    signals: 0..<K, filterLength: L)
                LinearSolve.solveRegularized(g, n: n, &d, rhs: nchan)
                c[jest] = d
            }
            let m = nchan * L
            for (jtrue, jest) in pairs {
                var a = [Double](repeating: 0, count: m * m) // G's block of source jtrue
                let off = jtrue * m
                for col in 0..<m { for row in 0..<m { a[col * m + row] = g[(off + col) * n + off + row] } }
                var d = ReferenceKernel.crossCorrelations(
                    spectra, fft: fft, ests, source: jest,
                    signals: jtrue * nchan..<(jtrue + 1) * nchan,
                    filterLength: L)
                LinearSolve.solveRegularized(a, n: m, &d, rhs: nchan)
                cj[jtrue * refs.sourceCount + jest] = d
            }
        }
    }

    /// museval's `_compute_reference_correlations`: the Gram matrix of all delayed
    /// reference channels (column-major, `(K·L)²`), from FFTs of size 2^⌈log2(n+L−1)⌉.
    static func correlations(_ refs: SignalSet, filterLength L: Int) -> ([Double], [[Complex<Double>]], RealFFT) {
        let K = refs.signalCount, n = K * L
        var size = 1
        while size < refs.length + L - 1 { size *= 2 }
        let fft = RealFFT(size: size)
        let spectra: [[Complex<Double>]] = (0..<K).map { k in
            fft.forward(refs.channels[k])
        }
        var g = [Double](repeating: 0, count: n * n)
        for q in 0..<K {
            for p in q..<K {
                // r(m) = Σ x_p[n+m] x_q[n]
                let product = zip(spectra[p], spectra[q]).map { $0 * $1.conjugate }
                let r = fft.inverse(product)
                func lag(_ m: Int) -> Double { m >= 0 ? r[m] : r[size + m] }
                for a in 0..<L {
                    for b in 0..<L {
                        g[(q * L + b) * n + p * L + a] = lag(b - a) // block (p, q)
                    }
                }
                for a in 0..<L {
                    for b in 0..<L {
                        g[(p * L + b) * n + q * L + a] = lag(a - b) // block (q, p); wins on the diagonal
                    }
                }
            }
        }
        return (g, spectra, fft)
    }

    /// museval's `D`: correlations of reference channels `signals` delayed by 0…L−1 with
    /// each channel of estimate `source`, column-major `(signals·L) × nchan`.
    static func crossCorrelations(
        _ spectra: [[Complex<Double>]], fft: RealFFT, _ ests: SignalSet,
        source: Int, signals: Range<Int>, filterLength L: Int
    ) -> [Double] {
        let nchan = ests.channelCount, rows = signals.count * L
        var d = [Double](repeating: 0, count: rows * nchan)
        for c in 0..<nchan {
            let k = source * nchan + c
            let es = fft.forward(ests.channels[k])
            for (row, p) in signals.enumerated() {
                let r = fft.inverse(zip(spectra[p], es).map { $0 * $1.conjugate })
                for lagIndex in 0..<L {
                    d[c * rows + row * L + lagIndex] = lagIndex == 0 ? r[0] : r[fft.size - lagIndex]
                }
            }
        }
        return d
    }

    /// Linear convolution of `signal` with `filter`, `signal.count + filter.count − 1` samples.
    static func convolve(_ signal: ArraySlice<Double>, _ filter: ArraySlice<Double>) -> [Double] {
        let n = signal.count + filter.count - 1
        let fft = RealFFT(size: RealFFT.fastSize(atLeast: n))
        let a = fft.forward(Array(signal)), b = fft.forward(Array(filter))
        return Array(fft.inverse(zip(a, b).map { $0 * $1 })[0..<n])
    }

    /// museval's `_bss_decomp_mtifilt` and the energies `_bss_crit` takes.
    static func decompose(
        _ refs: SignalSet, _ ests: SignalSet, jtrue: Int, jest: Int,
        filters: Filters
    ) -> DecompositionEnergies {
        let nchan = refs.channelCount, w = refs.length, L = filters.c[jest]!.count / (refs.signalCount * nchan)
        let m = w + L - 1
        let c = filters.c[jest]!, cj = filters.cj[jtrue * refs.sourceCount + jest]!
        let rowsC = refs.signalCount * L, rowsCj = nchan * L
        func channel(_ set: SignalSet, _ k: Int) -> ArraySlice<Double> { set.channels[k][0..<w] }
        var sTrue = [[Double]](repeating: [Double](repeating: 0, count: m), count: nchan)
        var pj = sTrue, p = sTrue
        for out in 0..<nchan {
            sTrue[out].replaceSubrange(0..<w, with: channel(refs, jtrue * nchan + out))
            for cin in 0..<nchan {
                let y = convolve(channel(refs, jtrue * nchan + cin), cj[(out * rowsCj + cin * L)...].prefix(L))
                for i in 0..<m { pj[out][i] += y[i] }
            }
            for k in 0..<refs.signalCount {
                let y = convolve(channel(refs, k), c[(out * rowsC + k * L)...].prefix(L))
                for i in 0..<m { p[out][i] += y[i] }
            }
        }
        var e = DecompositionEnergies(
            target: 0, spatial: 0, distortion: 0, filtered: 0, interference: 0,
            projected: 0, artifacts: 0, filteredError: 0)
        for ch in 0..<nchan {
            let est = channel(ests, jest * nchan + ch)
            for i in 0..<m {
                let s = sTrue[ch][i]
                let eSpat = pj[ch][i] - s
                let eInterf = p[ch][i] - s - eSpat
                var eArtif = -s - eSpat - eInterf
                if i < w { eArtif += est[est.startIndex + i] }
                e.target += s * s
                e.spatial += eSpat * eSpat
                let dist = eSpat + eInterf + eArtif
                e.distortion += dist * dist
                let filt = s + eSpat
                e.filtered += filt * filt
                e.interference += eInterf * eInterf
                let proj = s + eSpat + eInterf
                e.projected += proj * proj
                e.artifacts += eArtif * eArtif
                let fe = eInterf + eArtif
                e.filteredError += fe * fe
            }
        }
        return e
    }
}
