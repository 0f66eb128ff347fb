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

    /// The FFT size of the segments' blocks: `blockFFT`, or less when every segment fits in
    /// fewer points. A block spans `size − 2L + 2` samples of its segment.
    static func transformSize(_ segments: [(range: Range<Int>, frame: Int?)], filterLength L: Int) -> Int {
        let longest = segments.map(\.range.count).max() ?? 1
        return RealFFT.fastSize(atLeast: min(longest + 2 * L - 2, max(Self.blockFFT, 4 * L)))
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

    /// The lags of `refs` and `ests` in memory (one window: the whole track).
    init(
        references refs: SignalSet, estimates ests: SignalSet, framing: Framing, filterLength L: Int, threads: Int,
        memoryLimit: Int = Int.max
    ) throws {
        try self.init(
            samples: MemorySamples(references: refs, estimates: ests), framing: framing, filterLength: L,
            threads: threads, memoryLimit: memoryLimit)
    }

    /// One pass over `samples`, a window of whole segments at a time (at most
    /// `samples.preferredWindow` samples, and one segment at least), each window reaching
    /// L − 1 samples back for the boundary before it. `inspect` sees every window as it is
    /// read (frame silence, estimate energies); it may see a window twice, when the pass is
    /// made again in memory after a spill file failed.
    ///
    /// `memoryLimit`: the most bytes of segment lags kept in memory; more go to a spill file
    /// (or stay in memory if no spill file can be made or written).
    init(
        samples: some SampleAccess, framing: Framing, filterLength L: Int, threads: Int,
        memoryLimit: Int = Int.max, inspect: (SampleWindow) -> Void = { _ in }
    ) throws {
        let K = samples.sourceCount * samples.channelCount, Ke = samples.estimateSourceCount * samples.channelCount
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
        let windows = Self.windows(segments, preferred: samples.preferredWindow)
        let wanted = segments.count * segmentStride
        var spill = wanted * MemoryLayout<Double>.stride > memoryLimit ? SpillFile() : nil
        var owner: MappedBuffer<Double>?
        let lanes = UnsafeMutablePointer<GlobalMetrics.Lanes>.allocate(capacity: segments.count * 3 * K)
        lanes.initialize(repeating: .zero, count: segments.count * 3 * K)
        defer { lanes.deallocate() }
        let size = Self.transformSize(segments, filterLength: L)
        let workers = max(1, min(threads, segments.count))
        // One correlator per thread for the whole pass: its buffers are reused, window after window.
        let correlators = (0..<workers).map { _ in
            SegmentCorrelator(references: K, estimates: Ke, filterLength: L, size: size)
        }
        let stride = segmentStride
        let n = framing.length
        /// Every segment's lags, to memory (`out`) or to `file`, window by window; returns the
        /// boundary corrections, or nil when a write to `file` failed.
        func pass(into out: UnsafeMutablePointer<Double>?, file: SpillFile?) throws -> [Double]? {
            lanes.update(repeating: .zero, count: segments.count * 3 * K)
            let failed = Atomic<Bool>(false)
            let boundaries = BoundaryCorrections(
                references: K, estimates: Ke, filterLength: L, length: n,
                boundaryCount: segments.count - 1, threads: threads)
            let owned =
                out == nil ? (0..<workers).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: stride) } : []
            defer { for pointer in owned { pointer.deallocate() } }
            for window in windows {
                let first = segments[window.lowerBound].range.lowerBound
                let last = segments[window.upperBound - 1].range.upperBound
                let reach = window.lowerBound == 0 ? 0 : L - 1
                try samples.withWindow((first - reach)..<last) { w in
                    inspect(w)
                    let next = Atomic<Int>(window.lowerBound)
                    // Segments first come, first served: each one's lags depend only on its own
                    // samples, so the bits do not depend on which thread took it.
                    FastKernel.parallelFor(window.count, threads: workers) { worker in
                        while true {
                            let i = next.add(1, ordering: .relaxed).oldValue
                            guard i < window.upperBound else { break }
                            let target = out.map { $0 + i * stride } ?? owned[worker]
                            let range = segments[i].range
                            correlators[worker].correlate(
                                w.references, w.estimates,
                                range: (range.lowerBound - w.start)..<(range.upperBound - w.start), into: target,
                                lanes: lanes + i * 3 * K)
                            if let file, !file.write(target, count: stride, at: i * stride) {
                                failed.store(true, ordering: .relaxed)
                            }
                        }
                    }
                    boundaries.add(
                        w,
                        boundaries: window.filter { $0 > 0 }.map { (index: $0 - 1, at: segments[$0].range.lowerBound) })
                }
            }
            return failed.load(ordering: .relaxed) ? nil : boundaries.total()
        }
        var corrections: [Double]? = nil
        if let file = spill {
            corrections = try pass(into: nil, file: file)
            if corrections == nil { spill = nil }
        }
        /// The lags in memory (also when the spill file could not be written or read back:
        /// the same lags again, the samples read again).
        func passInMemory() throws -> [Double] {
            spill = nil
            let buffer = MappedBuffer<Double>(count: wanted, hugePages: true)
            owner = buffer
            return try pass(into: buffer.pointer, file: nil) ?? []
        }
        if spill == nil { corrections = try passInMemory() }
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
                        } else if let owner {
                            s = UnsafePointer(owner.pointer + i * stride)
                        } else {
                            return false
                        }
                        for k in 0..<g.count { g[k] += s[k] }
                        for k in 0..<c.count { c[k] += s[gramLength + k] }
                    }
                    return true
                }
            }
        }
        if !sumSegments() {
            corrections = try passInMemory()
            _ = sumSegments()
        }
        self.spill = spill
        self.owner = owner
        if L > 1 && segments.count > 1, let corrections {
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
        let nchan = samples.channelCount
        let sums = (0..<samples.sourceCount).map { j in
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

    /// The segments grouped into windows of consecutive segments, each spanning at most
    /// `preferred` samples (one segment at least): index ranges into `segments`.
    static func windows(_ segments: [(range: Range<Int>, frame: Int?)], preferred: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var first = 0
        while first < segments.count {
            var last = first + 1
            while last < segments.count
                && segments[last].range.upperBound - segments[first].range.lowerBound <= preferred
            {
                last += 1
            }
            out.append(first..<last)
            first = last
        }
        return out
    }
}
