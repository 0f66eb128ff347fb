import Dispatch
import Foundation

/// A window of samples: `references[k][i]` is sample `start + i` of reference channel `k`
/// (source-major, `j·channelCount + c`), the same for `estimates`; `count` samples each.
struct SampleWindow {
    let start: Int
    let count: Int
    let references: [UnsafePointer<Double>]
    let estimates: [UnsafePointer<Double>]

    var end: Int { start + count }

    func contains(_ range: Range<Int>) -> Bool { range.lowerBound >= start && range.upperBound <= end }
}

/// How the lag path gets its samples: windows in order of position for the one pass over
/// the track, and whatever must be revisited (a source's channels for a whole-track sum,
/// frames for the spectral scorer, the whole track for an ill-conditioned Gram matrix).
/// `MemorySamples` hands out pointers into arrays already in memory; `StreamedSamples`
/// reads a `SignalSource` into buffers it reuses, so memory does not grow with the track.
protocol SampleAccess {
    var sourceCount: Int { get }
    /// Estimate sources: `sourceCount`, or more when a pass also reads a derived
    /// evaluation's own estimates (`BSSEval.evaluate(references:estimates:derived:options:)`).
    var estimateSourceCount: Int { get }
    var channelCount: Int { get }
    /// The references' length; estimates are padded or truncated to it.
    var length: Int { get }
    /// The most samples a window of the lag pass should span (one segment per window at least).
    var preferredWindow: Int { get }
    /// Bytes of these samples the caller already holds in memory (`SignalSource.residentByteCount`).
    var residentByteCount: Int { get }

    /// `body` with the samples `range` of every reference and estimate channel.
    func withWindow<R>(_ range: Range<Int>, _ body: (SampleWindow) throws -> R) throws -> R

    /// `body` with the samples `range` of source `j`'s channels (`role`'s set). May be called
    /// from several threads at once for different sources.
    func withSource<R>(
        _ role: BSSEvalError.Role, _ j: Int, _ range: Range<Int>, _ body: ([UnsafePointer<Double>]) throws -> R
    ) throws -> R

    /// References and estimates holding the frames `ranges`, and where each frame is in them.
    func frames(_ ranges: [Range<Int>]) throws -> (references: SignalSet, estimates: SignalSet, ranges: [Range<Int>])
}

/// Samples already in memory: every access is a pointer into the arrays, nothing is copied.
struct MemorySamples: SampleAccess {
    let references: SignalSet
    let estimates: SignalSet

    var sourceCount: Int { references.sourceCount }
    var estimateSourceCount: Int { estimates.sourceCount }
    var channelCount: Int { references.channelCount }
    var length: Int { references.length }
    var preferredWindow: Int { Int.max }
    var residentByteCount: Int {
        (references.sourceCount + estimates.sourceCount) * channelCount * length * MemoryLayout<Double>.stride
    }

    func withWindow<R>(_ range: Range<Int>, _ body: (SampleWindow) throws -> R) throws -> R {
        try references.withChannelPointers { r in
            try estimates.withChannelPointers { e in
                try body(
                    SampleWindow(
                        start: range.lowerBound, count: range.count,
                        references: r.map { $0 + range.lowerBound }, estimates: e.map { $0 + range.lowerBound }))
            }
        }
    }

    func withSource<R>(
        _ role: BSSEvalError.Role, _ j: Int, _ range: Range<Int>, _ body: ([UnsafePointer<Double>]) throws -> R
    ) throws -> R {
        let set = role == .reference ? references : estimates
        return try set.withChannelPointers { p in
            try body((0..<set.channelCount).map { p[j * set.channelCount + $0] + range.lowerBound })
        }
    }

    func frames(_ ranges: [Range<Int>]) -> (references: SignalSet, estimates: SignalSet, ranges: [Range<Int>]) {
        (references, estimates, ranges)
    }
}

/// Samples read from `SignalSource`s a window at a time into buffers reused from window to
/// window, so the pass over a track takes the same memory for one minute as for ten.
/// Sources are read side by side (each source on its own thread; a `SignalSource` may be
/// read concurrently for different sources).
final class StreamedSamples<References: SignalSource, Estimates: SignalSource>: SampleAccess {
    let references: References
    let estimates: Estimates
    let length: Int
    let preferredWindow: Int
    private var buffer: MappedBuffer<Double>?
    private var capacity = 0

    var sourceCount: Int { references.sourceCount }
    var estimateSourceCount: Int { estimates.sourceCount }
    var channelCount: Int { references.channelCount }
    var residentByteCount: Int { references.residentByteCount + estimates.residentByteCount }

    /// The most sources read at the same time (`BSSEvalOptions.threadCount`, resolved).
    let threads: Int

    init(references: References, estimates: Estimates, preferredWindow: Int, threads: Int) {
        self.references = references
        self.estimates = estimates
        length = references.length
        self.preferredWindow = preferredWindow
        self.threads = threads
    }

    func withWindow<R>(_ range: Range<Int>, _ body: (SampleWindow) throws -> R) throws -> R {
        let nsrc = sourceCount, nest = estimateSourceCount, nchan = channelCount, signals = (nsrc + nest) * nchan
        let window: MappedBuffer<Double>
        if let buffer, range.count <= capacity {
            window = buffer
        } else {
            capacity = range.count
            window = MappedBuffer(count: signals * max(1, capacity), hugePages: true)
            buffer = window
        }
        let base = window.pointer
        let stride = capacity
        let channel = { (k: Int) in base + k * stride }
        try readEverySource(range) { role, j in
            let first = (role == .reference ? 0 : nsrc * nchan) + j * nchan
            return (0..<nchan).map { channel(first + $0) }
        }
        return try body(
            SampleWindow(
                start: range.lowerBound, count: range.count,
                references: (0..<nsrc * nchan).map { UnsafePointer(channel($0)) },
                estimates: (0..<nest * nchan).map { UnsafePointer(channel(nsrc * nchan + $0)) }))
    }

    /// Every source of both sets, read into the pointers `target(role, j)` gives, two or more
    /// at a time; the first failure of a reference is thrown before any of an estimate's
    /// (an estimate is blamed only next to sound references).
    private func readEverySource(
        _ range: Range<Int>,
        _ target: (BSSEvalError.Role, Int) -> [UnsafeMutablePointer<Double>]
    ) throws {
        let tasks =
            (0..<sourceCount).map { (BSSEvalError.Role.reference, $0) }
            + (0..<estimateSourceCount).map { (.estimate, $0) }
        let pointers = tasks.map { target($0.0, $0.1) }
        let failures = FailureSlots(count: tasks.count)
        FastKernel.forEach(tasks.count, threads: threads) { i in
            do {
                if tasks[i].0 == .reference {
                    try references.read(source: tasks[i].1, range: range, into: pointers[i])
                } else {
                    try estimates.read(source: tasks[i].1, range: range, into: pointers[i])
                }
            } catch {
                failures.set(i, error)
            }
        }
        if let error = failures.first { throw error }
    }

    func withSource<R>(
        _ role: BSSEvalError.Role, _ j: Int, _ range: Range<Int>, _ body: ([UnsafePointer<Double>]) throws -> R
    ) throws -> R {
        let nchan = channelCount
        let storage = UnsafeMutablePointer<Double>.allocate(capacity: max(1, nchan * range.count))
        defer { storage.deallocate() }
        let channels = (0..<nchan).map { storage + $0 * range.count }
        if role == .reference {
            try references.read(source: j, range: range, into: channels)
        } else {
            try estimates.read(source: j, range: range, into: channels)
        }
        return try body(channels.map { UnsafePointer($0) })
    }

    func frames(_ ranges: [Range<Int>]) throws -> (references: SignalSet, estimates: SignalSet, ranges: [Range<Int>]) {
        let total = ranges.reduce(0) { $0 + $1.count }
        var placed = [Range<Int>]()
        var position = 0
        for range in ranges {
            placed.append(position..<position + range.count)
            position += range.count
        }
        func gather(_ role: BSSEvalError.Role) throws -> SignalSet {
            var channels = [[Double]]()
            let count = role == .reference ? sourceCount : estimateSourceCount
            for j in 0..<count {
                var own = [[Double]](repeating: [Double](repeating: 0, count: total), count: channelCount)
                for (range, place) in zip(ranges, placed) {
                    try withSource(role, j, range) { p in
                        for c in 0..<channelCount {
                            own[c].withUnsafeMutableBufferPointer { out in
                                _ = UnsafeMutableBufferPointer(rebasing: out[place]).update(
                                    fromContentsOf: UnsafeBufferPointer(start: p[c], count: range.count))
                            }
                        }
                    }
                }
                channels += own
            }
            return SignalSet(sourceCount: count, channelCount: channelCount, length: total, channels: channels)
        }
        return (try gather(.reference), try gather(.estimate), placed)
    }
}

/// The errors of concurrent reads, one slot per task; `first` is the lowest slot's.
private final class FailureSlots: @unchecked Sendable {
    private var slots: [Error?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ error: Error) {
        lock.lock()
        slots[i] = error
        lock.unlock()
    }

    var first: Error? {
        lock.lock()
        defer { lock.unlock() }
        return slots.lazy.compactMap { $0 }.first
    }
}
