import BSSEval

/// Sources × samples × channels of float64 in one C-contiguous buffer, museval's
/// `(nsrc, nsampl, nchan)` layout, read by the kernel a block at a time without a copy of
/// the whole track. Samples at positions ≥ `length` read as zeros (museval's padding of a
/// short estimate); the kernel never reads past the references' length, which truncates a
/// long one.
///
/// A NaN or infinite sample among those scored is an error (`NonFiniteSample`): museval
/// gives NaN for every frame of that estimate, the kernel's frame-wise path would not,
/// and the `museval` command refuses such files too. The check rides on the copy the
/// kernel needs anyway.
struct PointerSignals: SignalSource, @unchecked Sendable {
    let base: UnsafePointer<Double>
    let sourceCount: Int
    let length: Int
    let channelCount: Int
    let role: BSSEvalError.Role

    func read(source: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        let nchan = channelCount
        let stored = range.clamped(to: 0..<length)
        let row = base + source * length * nchan
        for c in 0..<nchan {
            let out = channels[c]
            var i = 0
            var finite = true
            for s in stored {
                let value = row[s * nchan + c]
                finite = finite && value.isFinite
                out[i] = value
                i += 1
            }
            if !finite { throw NonFiniteSample(role: role, source: source, channel: c) }
            for k in i..<range.count { out[k] = 0 }
        }
    }
}

/// A NaN or infinite sample in the samples the kernel scores.
struct NonFiniteSample: Error, CustomStringConvertible {
    let role: BSSEvalError.Role
    let source: Int
    let channel: Int

    var description: String {
        "\(role.rawValue) source \(source), channel \(channel) holds NaN or infinite samples: BSS Eval needs finite audio"
    }
}
