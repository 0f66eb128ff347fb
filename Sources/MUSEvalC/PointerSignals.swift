import BSSEval

/// Sources × samples × channels of float64 in one C-contiguous buffer, museval's
/// `(nsrc, nsampl, nchan)` layout, read by the kernel a block at a time without a copy of
/// the whole track. Samples at positions ≥ `length` read as zeros (museval's padding of a
/// short estimate); the kernel never reads past the references' length, which truncates a
/// long one.
struct PointerSignals: SignalSource, @unchecked Sendable {
    let base: UnsafePointer<Double>
    let sourceCount: Int
    let length: Int
    let channelCount: Int

    func read(source: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        let nchan = channelCount
        let stored = range.clamped(to: 0..<length)
        let row = base + source * length * nchan
        for c in 0..<nchan {
            let out = channels[c]
            var i = 0
            for s in stored {
                out[i] = row[s * nchan + c]
                i += 1
            }
            for k in i..<range.count { out[k] = 0 }
        }
    }
}
