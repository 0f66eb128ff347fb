import DSP
import Synchronization

/// The correlation lags of every frame *and* of the whole track, in one pass over the
/// samples (v4 with frames that do not overlap).
///
/// The track is cut into segments: the frames, the gaps between them (hop > window) and
/// the tail after the last frame. Each segment's lags (`ReferenceCorrelations`' layout:
/// Gram lags −(L−1)…L−1 of every reference pair, cross lags 0…L−1 of every reference ×
/// estimate channel) are what a frame's energies need (`LagScorer`), and the whole
/// track's lags are their sum plus the products that straddle a segment boundary: for
/// |m| < L those involve only the last L−1 samples before a boundary and the first L−1
/// after it, so each boundary adds one small correlation ("boundary correction", FFT of
/// 1024 points for L = 512). This replaces the separate whole-track correlation pass.
///
/// Segments are transformed in blocks of 4096 points (x extended by L−1 on both sides
/// within the segment, as in `ReferenceCorrelations`): per sample as cheap as 8192-point
/// blocks, and the 100 inverse FFTs per frame stay small. Valid when every segment but the
/// last has at least L−1 samples (`applies`), so no product spans three segments.
struct FrameCorrelations {
    let signalCount: Int
    let estimateCount: Int
    let filterLength: Int
    /// Doubles per segment: the Gram lags, then the cross lags.
    let segmentStride: Int
    let gramCount: Int
    /// The whole-track lags, for the filter solves.
    let track: ReferenceCorrelations
    private let segmentOfFrame: [Int: Int]
    /// The segments' lags in memory (every segment writes all of its own), or nil when they
    /// went to `spill`. They are kept until the filters are solved, so they are the pass's
    /// largest buffer: mapped and offered to huge pages, which makes faulting the fresh
    /// memory in far cheaper than 4 kB pages.
    private let owner: MappedBuffer<Double>?
    /// The segments' lags when they are more than `memoryLimit` bytes (long tracks: 557 kB
    /// per MUSDB frame): written to a spill file as each segment is done, read back one
    /// frame at a time, so the memory they take does not grow with the track.
    private let spill: SpillFile?

    /// Block FFT size for the segments.
    static let blockFFT = 4096

    /// Whether the frames of `framing` can be scored from their own lags: they do not
    /// overlap, and every segment except the last (frames, gaps) has at least L − 1 samples.
    static func applies(framing: Framing, filterLength L: Int) -> Bool {
        guard framing.hop >= framing.window || framing.count == 1 else { return false }
        let segments = Self.segments(framing)
        return segments.dropLast().allSatisfy { $0.range.count >= L - 1 }
    }

    /// Frames, gaps and the tail, in order: (range, frame index or nil).
    static func segments(_ framing: Framing) -> [(range: Range<Int>, frame: Int?)] {
        var out: [(range: Range<Int>, frame: Int?)] = []
        var position = 0
        for t in 0..<framing.count {
            let r = framing.range(t)
            if r.lowerBound > position { out.append((position..<r.lowerBound, nil)) }
            out.append((r, t))
            position = r.upperBound
        }
        if position < framing.length { out.append((position..<framing.length, nil)) }
        return out
    }

    /// Whether the segments' lags are in a spill file (callers then pass `lags` a buffer).
    var isSpilled: Bool { spill != nil }

    /// The lags of frame `t`: Gram lags at `pairIndex(p, q)·(2L − 1) + m + L − 1`, then the
    /// cross lags at `gramCount + (p·Ke + c)·L + k`. Read from the spill file into `buffer`
    /// (`segmentStride` doubles) when there is one; nil if that read fails.
    func lags(frame t: Int, buffer: UnsafeMutablePointer<Double>?) -> UnsafePointer<Double>? {
        let offset = segmentOfFrame[t]! * segmentStride
        guard let spill else { return UnsafePointer(owner!.pointer + offset) }
        guard let buffer, spill.read(into: buffer, count: segmentStride, at: offset) else { return nil }
        return UnsafePointer(buffer)
    }

    /// `memoryLimit`: the most bytes of segment lags kept in memory; more go to a spill file
    /// (or stay in memory if no spill file can be made or written).
    init(
        references refs: SignalSet, estimates ests: SignalSet, framing: Framing, filterLength L: Int, threads: Int,
        memoryLimit: Int = Int.max
    ) {
        let K = refs.signalCount, Ke = ests.signalCount
        signalCount = K
        estimateCount = Ke
        filterLength = L
        let pairs = K * (K + 1) / 2
        gramCount = pairs * (2 * L - 1)
        segmentStride = gramCount + K * Ke * L
        let segments = Self.segments(framing)
        var frameSegments: [Int: Int] = [:]
        for (i, s) in segments.enumerated() { if let t = s.frame { frameSegments[t] = i } }
        segmentOfFrame = frameSegments
        let sameLayout = K == Ke
        let wanted = segments.count * segmentStride
        var spill = wanted * MemoryLayout<Double>.stride > memoryLimit ? SpillFile() : nil
        var owner: MappedBuffer<Double>?
        let lanes = UnsafeMutablePointer<GlobalMetrics.Lanes>.allocate(capacity: segments.count * 3 * K)
        lanes.initialize(repeating: .zero, count: segments.count * 3 * K)
        defer { lanes.deallocate() }
        let longest = segments.map(\.range.count).max() ?? 1
        let size = RealFFT.fastSize(atLeast: min(longest + 2 * L - 2, max(Self.blockFFT, 4 * L)))
        let workers = max(1, min(threads, segments.count))
        let next = Atomic<Int>(0)
        let stride = segmentStride
        let failed = Atomic<Bool>(false)
        /// Every segment's lags, to memory (`out`) or to `file`, one segment per thread at a time.
        func correlateSegments(into out: UnsafeMutablePointer<Double>?, file: SpillFile?) {
            next.store(0, ordering: .relaxed)
            refs.withChannelPointers { r in
                ests.withChannelPointers { e in
                    // Segments first come, first served: each one's lags depend only on its own
                    // samples, so the bits do not depend on which thread took it.
                    FastKernel.parallelFor(workers, threads: workers) { _ in
                        let correlator = SegmentCorrelator(references: K, estimates: Ke, filterLength: L, size: size)
                        let own = out == nil ? UnsafeMutablePointer<Double>.allocate(capacity: stride) : nil
                        defer { own?.deallocate() }
                        while true {
                            let i = next.add(1, ordering: .relaxed).oldValue
                            guard i < segments.count else { break }
                            let target = own ?? out! + i * stride
                            correlator.correlate(
                                r, e, range: segments[i].range, into: target,
                                lanes: sameLayout ? lanes + i * 3 * K : nil)
                            if let file, !file.write(target, count: stride, at: i * stride) {
                                failed.store(true, ordering: .relaxed)
                            }
                        }
                    }
                }
            }
        }
        if let file = spill {
            correlateSegments(into: nil, file: file)
            if failed.load(ordering: .relaxed) { spill = nil }
        }
        /// The lags in memory (also when the spill file could not be written or read back:
        /// the same lags again).
        func correlateInMemory() {
            spill = nil
            lanes.update(repeating: .zero, count: segments.count * 3 * K)
            owner = MappedBuffer(count: wanted, hugePages: true)
            correlateSegments(into: owner!.pointer, file: nil)
        }
        if spill == nil { correlateInMemory() }
        // The whole track: segments in order, then the boundary corrections.
        var gram = [Double](repeating: 0, count: gramCount)
        var cross = [Double](repeating: 0, count: K * Ke * L)
        let gramLength = gramCount
        /// Sums the segments in order (from memory, or read back from the spill file one at a
        /// time); false if a read fails.
        func sumSegments() -> Bool {
            let readBack = spill == nil ? nil : UnsafeMutablePointer<Double>.allocate(capacity: stride)
            defer { readBack?.deallocate() }
            return gram.withUnsafeMutableBufferPointer { g in
                cross.withUnsafeMutableBufferPointer { c in
                    g.update(repeating: 0)
                    c.update(repeating: 0)
                    for i in segments.indices {
                        let s: UnsafePointer<Double>
                        if let spill, let readBack {
                            guard spill.read(into: readBack, count: stride, at: i * stride) else { return false }
                            s = UnsafePointer(readBack)
                        } else {
                            s = UnsafePointer(owner!.pointer + i * stride)
                        }
                        for k in 0..<g.count { g[k] += s[k] }
                        for k in 0..<c.count { c[k] += s[gramLength + k] }
                    }
                    return true
                }
            }
        }
        if !sumSegments() {
            correlateInMemory()
            _ = sumSegments()
        }
        self.spill = spill
        self.owner = owner
        if L > 1 && segments.count > 1 {
            let boundaries = segments.dropFirst().map(\.range.lowerBound)
            let corrections = Self.boundaryCorrections(
                refs, ests, boundaries: boundaries, filterLength: L, threads: threads)
            let rows = K * K
            for p in 0..<K {
                for q in 0...p {
                    let base = ReferenceCorrelations.pairIndex(p, q) * (2 * L - 1) + L - 1
                    for m in 1..<L {
                        gram[base + m] += corrections[(p * K + q) * L + m]
                        gram[base - m] += corrections[(q * K + p) * L + m]
                    }
                }
                for c in 0..<Ke {
                    for k in 1..<L { cross[(p * Ke + c) * L + k] += corrections[(rows + p * Ke + c) * L + k] }
                }
            }
        }
        let nchan = refs.channelCount
        let sums = (0..<(sameLayout ? refs.sourceCount : 0)).map { j in
            var sums = GlobalMetrics.Sums()
            for c in 0..<nchan {
                let k = j * nchan + c
                for i in segments.indices {
                    let l = lanes + (i * K + k) * 3
                    sums.energy += l[0].sum()
                    sums.error += l[1].sum()
                    sums.projection += l[2].sum()
                }
            }
            return sums
        }
        track = ReferenceCorrelations(
            signalCount: K, estimateCount: Ke, filterLength: L,
            gramLags: gram, crossLags: cross, trackSums: sums)
    }

    /// The products of every pair that straddle each boundary, lags 1…L−1:
    /// row p·K + q holds Σ x_p[n+m]·x_q[n] over n < b ≤ n+m, row K² + p·Ke + c holds
    /// Σ ŝ_c[n+k]·x_p[n] over n < b ≤ n+k, summed over the boundaries b (row-major, L
    /// per row, lag 0 unused). Each boundary correlates the L−1 samples before it (u) with
    /// the L−1 after it (v), placed so that the circular correlation of a 2L−2-point FFT
    /// has no wrap-around. Boundaries are shared statically among threads and the sums
    /// added in a fixed order: the same bits on every run.
    static func boundaryCorrections(
        _ refs: SignalSet, _ ests: SignalSet, boundaries: [Int],
        filterLength L: Int, threads: Int
    ) -> [Double] {
        let K = refs.signalCount, Ke = ests.signalCount, n = refs.length
        let size = RealFFT.fastSize(atLeast: 2 * L - 2)
        let bins = size / 2 + 1
        let rows = K * K + K * Ke
        let workers = max(1, min(threads, boundaries.count))
        let accumulators = (0..<workers).map { _ in SplitSpectra(count: rows, bins: bins) }
        refs.withChannelPointers { r in
            ests.withChannelPointers { e in
                FastKernel.parallelFor(workers, threads: workers) { worker in
                    let fft = RealFFT(size: size)
                    let u = SplitSpectra(count: K, bins: bins), v = SplitSpectra(count: K + Ke, bins: bins)
                    let acc = accumulators[worker], vectors = acc.vectorCount
                    for i in stride(from: worker, to: boundaries.count, by: workers) {
                        let b = boundaries[i], head = min(L - 1, n - b)
                        for q in 0..<K {
                            u.transform(
                                fft, UnsafeBufferPointer(start: r[q] + b - (L - 1), count: L - 1), at: 0, into: q)
                        }
                        for p in 0..<K {
                            v.transform(fft, UnsafeBufferPointer(start: r[p] + b, count: head), at: L - 1, into: p)
                        }
                        for c in 0..<Ke {
                            v.transform(fft, UnsafeBufferPointer(start: e[c] + b, count: head), at: L - 1, into: K + c)
                        }
                        for p in 0..<K {
                            for q in 0..<K {
                                SplitSpectra.accumulateCorrelation(
                                    acc.vectors(p * K + q), v.vectors(p), u.vectors(q), vectors: vectors)
                            }
                            for c in 0..<Ke {
                                SplitSpectra.accumulateCorrelation(
                                    acc.vectors(K * K + p * Ke + c), v.vectors(K + c), u.vectors(p), vectors: vectors)
                            }
                        }
                    }
                }
            }
        }
        let total = accumulators[0]
        for w in 1..<workers {
            for i in 0..<rows {
                for k in 0..<bins {
                    total.real(i)[k] += accumulators[w].real(i)[k]
                    total.imaginary(i)[k] += accumulators[w].imaginary(i)[k]
                }
            }
        }
        var out = [Double](repeating: 0, count: rows * L)
        let fft = RealFFT(size: size)
        var lags = [Double](repeating: 0, count: size)
        lags.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<rows {
                fft.inverse(real: total.real(i), imaginary: total.imaginary(i), into: buffer)
                for m in 1..<L { out[i * L + m] = buffer[m] }
            }
        }
        return out
    }
}
