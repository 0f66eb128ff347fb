import DSP

/// The lags of every correlation BSS Eval needs, over one sample range:
/// `gram(p, q, m)` = Σₙ x_p[n+m]·x_q[n] for reference channels q ≤ p and |m| < L (the
/// block-Toeplitz Gram matrix G is made of these), and `cross(p, e, k)` = Σₙ x_p[n−k]·ŝ_e[n]
/// for reference channel p, estimate channel e and 0 ≤ k < L (the matrix D).
///
/// Computed by overlap blocks: block b of the "y" signal sits at offset L−1 of an FFT frame
/// whose "x" segment reaches L−1 samples further on both sides, so the circular
/// correlation has no wrap-around for |m| < L; the cross-spectra of all blocks are summed
/// and inverted once per pair. Blocks are shared out among threads. Spectra are split
/// (real and imaginary rows, `SplitSpectra`), so the products run eight bins per vector.
struct ReferenceCorrelations {
    let signalCount: Int // K reference channels
    let estimateCount: Int // estimate channels
    let filterLength: Int
    private(set) var gramLags: [Double] // [pair(p, q)][m + L − 1]
    private(set) var crossLags: [Double] // [p][e][k]
    /// nsdr / SI-SDR sums per source over the range (reference j against estimate j),
    /// gathered from the blocks while they are in cache, so the whole-track metrics need
    /// no pass of their own over the signals.
    private(set) var trackSums: [GlobalMetrics.Sums]

    static let maximumBlockFFT = 8192

    @inline(__always) static func pairIndex(_ p: Int, _ q: Int) -> Int { p * (p + 1) / 2 + q } // q ≤ p

    /// Σₙ x_p[n+m]·x_q[n] for any p, q and |m| < L.
    @inline(__always) func gram(_ p: Int, _ q: Int, _ m: Int) -> Double {
        let L = filterLength
        return q <= p
            ? gramLags[Self.pairIndex(p, q) * (2 * L - 1) + m + L - 1]
            : gramLags[Self.pairIndex(q, p) * (2 * L - 1) - m + L - 1]
    }

    @inline(__always) func cross(_ p: Int, _ e: Int, _ k: Int) -> Double {
        crossLags[(p * estimateCount + e) * filterLength + k]
    }

    init(references refs: SignalSet, estimates ests: SignalSet, range: Range<Int>, filterLength L: Int, threads: Int) {
        let K = refs.signalCount, Ke = ests.signalCount
        signalCount = K
        estimateCount = Ke
        filterLength = L
        let pairs = K * (K + 1) / 2
        let size: Int, block: Int
        if range.count + 2 * L - 2 <= Self.maximumBlockFFT {
            size = RealFFT.fastSize(atLeast: range.count + 2 * L - 2)
            block = range.count
        } else {
            size = Self.maximumBlockFFT
            block = size - 2 * L + 2
        }
        let bins = size / 2 + 1
        let blockCount = (range.count + block - 1) / block
        let workers = max(1, min(threads, (blockCount + 1) / 2))
        let accumulators = (0..<workers).map { _ in SplitSpectra(count: pairs + K * Ke, bins: bins) }
        // Per worker and reference channel k: energy, error and projection lanes at 3k, 3k+1, 3k+2.
        let sameLayout = K == Ke
        let laneSums = UnsafeMutablePointer<GlobalMetrics.Lanes>.allocate(capacity: workers * 3 * K)
        laneSums.initialize(repeating: .zero, count: workers * 3 * K)
        defer { laneSums.deallocate() }
        let vectors = accumulators[0].vectorCount
        // Blocks go in twos: both blocks' products are added in one sweep over the
        // accumulator (6.5 MB for MUSDB, beyond L2), halving its memory traffic.
        let pairCount = (blockCount + 1) / 2
        refs.withChannelPointers { r in
            ests.withChannelPointers { e in
                FastKernel.parallelFor(pairCount, threads: workers) { worker in
                    let fft = RealFFT(size: size)
                    let spectra = (0..<2).map { _ in
                        (
                            x: SplitSpectra(count: K, bins: bins), y: SplitSpectra(count: K, bins: bins),
                            z: SplitSpectra(count: Ke, bins: bins)
                        )
                    }
                    let acc = accumulators[worker]
                    var pair = worker
                    while pair < pairCount {
                        let blocks = (2 * pair)..<min(2 * pair + 2, blockCount)
                        for (slot, b) in blocks.enumerated() {
                            Self.transformBlock(
                                b, of: range, block: block, filterLength: L, fft: fft, r, e, into: spectra[slot],
                                lanes: sameLayout ? laneSums + worker * K * 3 : nil)
                        }
                        Self.accumulate(
                            acc, spectra[0], spectra[1], blocks: blocks.count,
                            references: K, estimates: Ke, pairs: pairs, vectors: vectors)
                        pair += workers
                    }
                }
            }
        }
        let total = accumulators[0]
        for w in 1..<workers {
            let other = accumulators[w]
            for i in 0..<total.count {
                for k in 0..<bins {
                    total.real(i)[k] += other.real(i)[k]
                    total.imaginary(i)[k] += other.imaginary(i)[k]
                }
            }
        }
        var gram = [Double](repeating: 0, count: pairs * (2 * L - 1))
        var crossLags = [Double](repeating: 0, count: K * Ke * L)
        let fft = RealFFT(size: size)
        var lags = [Double](repeating: 0, count: size)
        lags.withUnsafeMutableBufferPointer { out in
            for i in 0..<(pairs + K * Ke) {
                fft.inverse(real: total.real(i), imaginary: total.imaginary(i), into: out)
                if i < pairs {
                    for m in -(L - 1)..<L { gram[i * (2 * L - 1) + m + L - 1] = out[m >= 0 ? m : size + m] }
                } else {
                    let base = (i - pairs) * L
                    for k in 0..<L { crossLags[base + k] = out[k == 0 ? 0 : size - k] }
                }
            }
        }
        gramLags = gram
        let nchan = refs.channelCount
        trackSums = (0..<(sameLayout ? refs.sourceCount : 0)).map { j in
            var sums = GlobalMetrics.Sums()
            for c in 0..<nchan {
                let k = j * nchan + c
                for worker in 0..<workers {
                    let lanes = laneSums + (worker * K + k) * 3
                    sums.energy += lanes[0].sum()
                    sums.error += lanes[1].sum()
                    sums.projection += lanes[2].sum()
                }
            }
            return sums
        }
        self.crossLags = crossLags
    }

    typealias BlockSpectra = (x: SplitSpectra, y: SplitSpectra, z: SplitSpectra)

    /// Transforms block `b` of `range` (blocks of `block` samples): x_p, the block extended
    /// by L − 1 samples on both sides within `range`; y_p, the block alone at offset L − 1;
    /// z_c, the estimate's block alone at offset L − 1. Adds the block's nsdr / SI-SDR lane
    /// sums to `lanes` (3 per reference channel) when given.
    static func transformBlock(
        _ b: Int, of range: Range<Int>, block: Int, filterLength L: Int, fft: RealFFT,
        _ r: [UnsafePointer<Double>], _ e: [UnsafePointer<Double>], into spectra: BlockSpectra,
        lanes: UnsafeMutablePointer<GlobalMetrics.Lanes>?
    ) {
        func transform(
            _ signal: UnsafePointer<Double>, _ from: Int, _ to: Int, at: Int, into set: SplitSpectra, _ i: Int
        ) {
            set.transform(fft, UnsafeBufferPointer(start: signal + from, count: max(0, to - from)), at: at, into: i)
        }
        let s0 = range.lowerBound + b * block
        let s1 = min(s0 + block, range.upperBound)
        let x0 = max(range.lowerBound, s0 - (L - 1)), x1 = min(range.upperBound, s1 + L - 1)
        for p in r.indices {
            transform(r[p], x0, x1, at: x0 - (s0 - (L - 1)), into: spectra.x, p)
            transform(r[p], s0, s1, at: L - 1, into: spectra.y, p)
        }
        for c in e.indices { transform(e[c], s0, s1, at: L - 1, into: spectra.z, c) }
        if let lanes {
            for k in r.indices {
                let l = lanes + k * 3
                GlobalMetrics.accumulate(
                    r[k] + s0, e[k] + s0, count: s1 - s0, energy: &l[0], error: &l[1], projection: &l[2])
            }
        }
    }

    /// Adds one block's cross-spectra (`a`), or two blocks' (`a` and `b`, when `blocks` is 2)
    /// in one sweep, to the accumulator rows: `x_p · conj(y_q)` at `pairIndex(p, q)` and
    /// `x_p · conj(z_c)` at `pairs + p·Ke + c`. Reference channels go two at a time when
    /// both blocks are there: rows (p, ·) and (p + 1, ·) share each load of y_q and z_c
    /// ("register blocking"; the same sums).
    @inline(__always)
    static func accumulate(
        _ acc: SplitSpectra, _ a: BlockSpectra, _ b: BlockSpectra, blocks: Int,
        references K: Int, estimates Ke: Int, pairs: Int, vectors: Int
    ) {
        var p = 0
        while blocks == 2 && p + 1 < K {
            let (xp1, xp2, xq1, xq2) = (a.x.vectors(p), b.x.vectors(p), a.x.vectors(p + 1), b.x.vectors(p + 1))
            for q in 0...p {
                SplitSpectra.accumulateCorrelations(
                    acc.vectors(pairIndex(p, q)), acc.vectors(pairIndex(p + 1, q)),
                    xp1, xp2, xq1, xq2, a.y.vectors(q), b.y.vectors(q), vectors: vectors)
            }
            SplitSpectra.accumulateCorrelations(
                acc.vectors(pairIndex(p + 1, p + 1)), xq1, a.y.vectors(p + 1),
                xq2, b.y.vectors(p + 1), vectors: vectors)
            for c in 0..<Ke {
                SplitSpectra.accumulateCorrelations(
                    acc.vectors(pairs + p * Ke + c), acc.vectors(pairs + (p + 1) * Ke + c),
                    xp1, xp2, xq1, xq2, a.z.vectors(c), b.z.vectors(c), vectors: vectors)
            }
            p += 2
        }
        for p in p..<K {
            for q in 0...p {
                let row = acc.vectors(pairIndex(p, q))
                if blocks == 2 {
                    SplitSpectra.accumulateCorrelations(
                        row, a.x.vectors(p), a.y.vectors(q), b.x.vectors(p), b.y.vectors(q), vectors: vectors)
                } else {
                    SplitSpectra.accumulateCorrelation(row, a.x.vectors(p), a.y.vectors(q), vectors: vectors)
                }
            }
            for c in 0..<Ke {
                let row = acc.vectors(pairs + p * Ke + c)
                if blocks == 2 {
                    SplitSpectra.accumulateCorrelations(
                        row, a.x.vectors(p), a.z.vectors(c), b.x.vectors(p), b.z.vectors(c), vectors: vectors)
                } else {
                    SplitSpectra.accumulateCorrelation(row, a.x.vectors(p), a.z.vectors(c), vectors: vectors)
                }
            }
        }
    }

    /// Correlations assembled elsewhere (`FrameCorrelations`), in this type's layout.
    init(
        signalCount: Int, estimateCount: Int, filterLength: Int, gramLags: [Double], crossLags: [Double],
        trackSums: [GlobalMetrics.Sums]
    ) {
        self.signalCount = signalCount
        self.estimateCount = estimateCount
        self.filterLength = filterLength
        self.gramLags = gramLags
        self.crossLags = crossLags
        self.trackSums = trackSums
    }

    /// Element (p, q) of the lag-k block of the Gram matrix of `signals` reordered by lag:
    /// exactly the value `fillGram` writes at row `p·L + r`, column `q·L + s`, r − s = k.
    @inline(__always) func gramBlockEntry(signals: Range<Int>, lag k: Int, _ p: Int, _ q: Int) -> Double {
        let sp = signals.lowerBound + p, sq = signals.lowerBound + q
        return sp == sq ? gram(sp, sp, k) : gram(sp, sq, -k)
    }

    /// Writes G (rows and columns of `signals`, column-major, leading dimension
    /// `signals.count·L`) plus `diagonal` on its diagonal into `a`.
    /// Entry (row (p, a), column (q, b)) = Σₙ x_p[n−a]·x_q[n−b] = gram(p, q, b − a).
    func fillGram(_ a: UnsafeMutablePointer<Double>, signals: Range<Int>, diagonal: Double) {
        let L = filterLength, n = signals.count * L
        for (qi, q) in signals.enumerated() {
            for (pi, p) in signals.enumerated() {
                // museval fills a diagonal block (p == q) from the transposed Toeplitz
                // matrix, i.e. with the lag a − b: equal in exact arithmetic, not in rounding.
                for b in 0..<L {
                    let column = a + (qi * L + b) * n + pi * L
                    if p == q {
                        for r in 0..<L { column[r] = gram(p, q, r - b) }
                    } else {
                        for r in 0..<L { column[r] = gram(p, q, b - r) }
                    }
                }
            }
        }
        for i in 0..<n { a[i * n + i] += diagonal }
    }
}
