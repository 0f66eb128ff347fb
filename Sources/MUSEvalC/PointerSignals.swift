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

    /// The caller's array, already in memory.
    var residentByteCount: Int { sourceCount * length * channelCount * MemoryLayout<Double>.stride }

    func read(source: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws {
        let nchan = channelCount
        let stored = range.clamped(to: 0..<length)
        let row = base + source * length * nchan + stored.lowerBound * nchan
        let count = stored.count
        // The finiteness check is a vector sum of v·0, which is NaN exactly when some v is
        // NaN or infinite: no branch per sample, and the copy stays one sweep of the row.
        var check = SIMD8<Double>()
        var i = 0
        if nchan == 2 {
            // Stereo, the common case: eight interleaved samples per load, split into the
            // two channels by even and odd lanes.
            let left = channels[0], right = channels[1]
            while i + 4 <= count {
                let v = UnsafeRawPointer(row + 2 * i).loadUnaligned(as: SIMD8<Double>.self)
                check += v * 0
                UnsafeMutableRawPointer(left + i).storeBytes(of: v.evenHalf, as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(right + i).storeBytes(of: v.oddHalf, as: SIMD4<Double>.self)
                i += 4
            }
        }
        var tail = 0.0
        for c in 0..<nchan {
            let out = channels[c]
            for k in i..<count {
                let value = row[k * nchan + c]
                tail += value * 0
                out[k] = value
            }
            for k in count..<range.count { out[k] = 0 }
        }
        if (check.sum() + tail).isNaN {
            let channel = (0..<nchan).first { c in (0..<count).contains { !row[$0 * nchan + c].isFinite } } ?? 0
            throw NonFiniteSample(role: role, source: source, channel: channel)
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
