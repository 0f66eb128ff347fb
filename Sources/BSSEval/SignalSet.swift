/// Sources × channels × samples as `signalCount` channel arrays: channel `c` of source `j`
/// is `channels[j·channelCount + c]`. The arrays share storage with the caller's input
/// (copy-on-write) unless padding or truncation was needed, so large tracks are not copied.
struct SignalSet {
    let sourceCount: Int
    let channelCount: Int
    let length: Int
    let channels: [[Double]]

    var signalCount: Int { sourceCount * channelCount }

    /// Takes `sources[j][c][i]`, zero-padding or truncating every channel to `length`
    /// (museval's `pad_or_truncate`) when one is given; sources may then differ in length
    /// (museval needs one length for all estimates; padding each one is the same thing).
    init(_ sources: [[[Double]]], role: BSSEvalError.Role, length wanted: Int? = nil) throws {
        guard let first = sources.first, let firstChannel = first.first else { throw BSSEvalError.empty(role) }
        let nchan = first.count
        let ownLength = firstChannel.count
        for (j, source) in sources.enumerated() {
            // With a wanted length every source is padded or truncated on its own, so only
            // the channels of one source must agree; otherwise all sources must.
            let length = wanted == nil ? ownLength : (source.first?.count ?? -1)
            guard source.count == nchan, source.allSatisfy({ $0.count == length }) else {
                throw BSSEvalError.ragged(role, source: j)
            }
        }
        let n = wanted ?? ownLength
        guard n > 0 else { throw BSSEvalError.empty(role) }
        sourceCount = sources.count
        channelCount = nchan
        length = n
        channels = sources.flatMap { source in
            source.map { channel -> [Double] in
                if channel.count == n { return channel }
                if channel.count > n { return Array(channel[0..<n]) }
                return channel + [Double](repeating: 0, count: n - channel.count)
            }
        }
    }

    init(sourceCount: Int, channelCount: Int, length: Int, channels: [[Double]]) {
        self.sourceCount = sourceCount
        self.channelCount = channelCount
        self.length = length
        self.channels = channels
    }

    /// The samples `range` of every channel, as a new set.
    func slice(_ range: Range<Int>) -> SignalSet {
        if range == 0..<length { return self }
        return SignalSet(
            sourceCount: sourceCount, channelCount: channelCount, length: range.count,
            channels: channels.map { Array($0[range]) })
    }

    /// Calls `body` with base pointers to every channel.
    func withChannelPointers<R>(_ body: ([UnsafePointer<Double>]) throws -> R) rethrows -> R {
        func recurse(_ i: Int, _ acc: inout [UnsafePointer<Double>]) throws -> R {
            if i == channels.count { return try body(acc) }
            return try channels[i].withUnsafeBufferPointer { p in
                acc.append(p.baseAddress!)
                return try recurse(i + 1, &acc)
            }
        }
        var acc: [UnsafePointer<Double>] = []
        acc.reserveCapacity(channels.count)
        return try recurse(0, &acc)
    }

    /// Whether source `j` is silent on `range`: museval's test, the sum over channels is
    /// exactly zero at every sample (so a stereo source with L = −R counts as silent).
    func isSilent(source j: Int, in range: Range<Int>) -> Bool {
        withChannelPointers { p in
            Self.sumIsZero(p[j * channelCount..<(j + 1) * channelCount], from: range.lowerBound, count: range.count)
        }
    }

    /// Whether the sum of `channels` is exactly zero at each of the `count` samples from `from`.
    static func sumIsZero(_ channels: ArraySlice<UnsafePointer<Double>>, from: Int, count: Int) -> Bool {
        for i in from..<(from + count) {
            var sum = 0.0
            for channel in channels { sum += channel[i] }
            if sum != 0 { return false }
        }
        return true
    }

    /// Whether any source is silent on `range`.
    func anySilent(in range: Range<Int>) -> Bool {
        (0..<sourceCount).contains { isSilent(source: $0, in: range) }
    }
}
