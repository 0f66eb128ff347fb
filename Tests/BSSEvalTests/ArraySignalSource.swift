import BSSEval
import Foundation

/// `[source][channel][sample]` arrays as a `SignalSource` (sources may differ in length:
/// zeros past each one's end), recording every read, and failing on request at a sample.
final class ArraySignalSource: SignalSource, @unchecked Sendable {
    struct Failure: Error, Equatable { let source: Int }

    let sources: [[[Double]]]
    let failingAt: (source: Int, sample: Int)?
    private let lock = NSLock()
    private var log: [(source: Int, range: Range<Int>)] = []

    init(_ sources: [[[Double]]], failingAt: (source: Int, sample: Int)? = nil) {
        self.sources = sources
        self.failingAt = failingAt
    }

    var sourceCount: Int { sources.count }
    var channelCount: Int { sources.first?.count ?? 0 }
    var length: Int { sources.map { $0.first?.count ?? 0 }.max() ?? 0 }

    /// Every read so far: source and range.
    var reads: [(source: Int, range: Range<Int>)] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    func read(source j: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        lock.lock()
        log.append((j, range))
        lock.unlock()
        if let failingAt, failingAt.source == j, range.contains(failingAt.sample) { throw Failure(source: j) }
        for (c, channel) in sources[j].enumerated() {
            for (i, f) in range.enumerated() { channels[c][i] = f < channel.count ? channel[f] : 0 }
        }
    }
}
