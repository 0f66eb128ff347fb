import Augmentation
import BSSEval

// The C functions of libmuseval_swift.so, loaded by the Python package with ctypes
// (python/museval_swift/_native.py declares the same signatures). Every argument is
// checked here before any kernel code runs: a Swift precondition failure would kill the
// interpreter that loaded the library. Failures come back as a status code and a
// NUL-terminated UTF-8 message in the caller's buffer.

/// Status codes of every `museval_swift_*` function that can fail.
enum CStatus: Int32 {
    case ok = 0
    /// A shape, length or option the kernel cannot take (Python: ValueError).
    case invalidArgument = 1
    /// A reference or estimate silent over the whole track (Python: ValueError, as museval).
    case silentSource = 2
    /// Anything else the kernel threw (Python: RuntimeError).
    case failure = 3
}

/// The version of this C interface; the Python loader refuses a library of another.
@_cdecl("museval_swift_abi_version")
public func museval_swift_abi_version() -> Int32 { 1 }

/// museval's frame count for `length` samples: `floor((length − window + hop) / hop)`
/// when `window < length`, else 1; 0 when an argument is not positive.
@_cdecl("museval_swift_frame_count")
public func museval_swift_frame_count(_ window: Int, _ hop: Int, _ length: Int) -> Int {
    guard window > 0, hop > 0, length > 0 else { return 0 }
    return window < length ? (length - window) / hop + 1 : 1
}

/// BSS Eval (v4, or v3 with `framewise` ≠ 0) of `sources` references of `length` samples
/// against as many estimates of `estimateLength` samples (zero-padded or truncated to
/// `length`), `channels` channels each, both C-contiguous `(sources, samples, channels)`
/// float64. Writes `frames` scores per source to `sdr`, `isr`, `sir`, `sar` (each
/// `sources × frames`, row-major, dB), the chosen permutation to `permutation`
/// (`sources × 1` for v4, `sources × frames` for v3; `permutation[j, t]` is the estimate
/// matched with reference j) and, when not null, the whole-track global SDR (MDX, ε = 1e-7)
/// and SI-SDR per source to `globalSDR` and `siSDR`. `frames` must equal
/// `museval_swift_frame_count(window, hop, length)`. `threads` bounds the worker threads
/// (0: every active core).
@_cdecl("museval_swift_bss_eval")
public func museval_swift_bss_eval(
    _ references: UnsafePointer<Double>?, _ estimates: UnsafePointer<Double>?,
    _ sources: Int, _ length: Int, _ estimateLength: Int, _ channels: Int,
    _ window: Int, _ hop: Int, _ filterLength: Int,
    _ framewise: Int32, _ sourcesVersion: Int32, _ computePermutation: Int32, _ threads: Int,
    _ frames: Int,
    _ sdr: UnsafeMutablePointer<Double>?, _ isr: UnsafeMutablePointer<Double>?,
    _ sir: UnsafeMutablePointer<Double>?, _ sar: UnsafeMutablePointer<Double>?,
    _ permutation: UnsafeMutablePointer<Int64>?,
    _ globalSDR: UnsafeMutablePointer<Double>?, _ siSDR: UnsafeMutablePointer<Double>?,
    _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int
) -> Int32 {
    let reply = Reply(message: message, capacity: messageCapacity)
    guard let references, let sdr, let isr, let sir, let sar, let permutation else {
        return reply.fail(.invalidArgument, "a required pointer is null")
    }
    guard sources > 0, length > 0, channels > 0 else {
        return reply.fail(
            .invalidArgument,
            "need at least one source, one sample and one channel (got \(sources), \(length), \(channels))")
    }
    guard estimateLength >= 0, estimateLength == 0 || estimates != nil else {
        return reply.fail(.invalidArgument, "estimates: invalid length \(estimateLength) or null pointer")
    }
    guard window > 0, hop > 0, filterLength > 0 else {
        return reply.fail(
            .invalidArgument, "window (\(window)), hop (\(hop)) and filters_len (\(filterLength)) must be positive")
    }
    guard threads >= 0 else { return reply.fail(.invalidArgument, "threads must be 0 (all cores) or positive") }
    // Sizes whose products would overflow are refused before anything is allocated.
    for (name, count) in [("references", length), ("estimates", estimateLength)] {
        let (perSource, o1) = count.multipliedReportingOverflow(by: channels)
        let (_, o2) = perSource.multipliedReportingOverflow(by: sources)
        if o1 || o2 { return reply.fail(.invalidArgument, "\(name): \(sources) × \(count) × \(channels) is too large") }
    }
    let expected = museval_swift_frame_count(window, hop, length)
    guard frames == expected else {
        return reply.fail(.invalidArgument, "frames is \(frames), the geometry gives \(expected)")
    }
    let options = BSSEvalOptions(
        window: window, hop: hop, filterLength: filterLength,
        mode: framewise != 0 ? .v3 : .v4, criteria: sourcesVersion != 0 ? .sources : .images,
        computePermutation: computePermutation != 0, algorithm: .fast, threadCount: threads)
    let refs = PointerSignals(
        base: references, sourceCount: sources, length: length, channelCount: channels, role: .reference)
    // A zero-length estimate is all padding: any valid address will do, nothing is read.
    let zero = [0.0]
    return zero.withUnsafeBufferPointer { zeroPointer in
        let ests = PointerSignals(
            base: estimateLength > 0 ? estimates! : zeroPointer.baseAddress!, sourceCount: sources,
            length: estimateLength, channelCount: channels, role: .estimate)
        let scores: BSSEvalScores
        do {
            scores = try BSSEval.evaluate(references: refs, estimates: ests, options: options)
        } catch let error as NonFiniteSample {
            return reply.fail(.invalidArgument, error.description)
        } catch let error as BSSEvalError {
            if case .silentSource = error { return reply.fail(.silentSource, error.description) }
            return reply.fail(.invalidArgument, error.description)
        } catch {
            return reply.fail(.failure, "\(error)")
        }
        guard scores.frameCount == frames, scores.sdr.count == sources else {
            return reply.fail(.failure, "the kernel returned \(scores.frameCount) frames, expected \(frames)")
        }
        for j in 0..<sources {
            for t in 0..<frames {
                sdr[j * frames + t] = scores.sdr[j][t]
                isr[j * frames + t] = scores.isr[j][t]
                sir[j * frames + t] = scores.sir[j][t]
                sar[j * frames + t] = scores.sar[j][t]
            }
        }
        let rows = scores.permutation.count
        for (t, row) in scores.permutation.enumerated() {
            for j in 0..<sources { permutation[j * rows + t] = Int64(row[j]) }
        }
        for j in 0..<sources {
            globalSDR?[j] = scores.nsdr[j]
            siSDR?[j] = scores.siSDR[j]
        }
        return CStatus.ok.rawValue
    }
}

/// Samples per channel after a time stretch by `rate` (> 1 is faster):
/// `round(count / rate)`, half away from zero, as the phase vocoder makes them; −1 for a
/// rate that is not positive and finite or a negative count.
@_cdecl("museval_swift_stretched_length")
public func museval_swift_stretched_length(_ count: Int, _ rate: Double) -> Int {
    guard count >= 0, rate.isFinite, rate > 0 else { return -1 }
    let result = (Double(count) / rate).rounded()
    return result < Double(Int.max) ? Int(result) : -1
}

/// `musdb stretch`'s pitch shift and time stretch (`Augmentation.pitchShift`) of
/// `channels` × `count` float64 samples (C-contiguous, channel rows) at `sampleRate` Hz
/// by `semitones` (−48…48) and tempo `rate` (0.25…4), written to `output`, `channels` ×
/// `outputCount` with `outputCount == museval_swift_stretched_length(count, rate)`.
@_cdecl("museval_swift_pitch_shift")
public func museval_swift_pitch_shift(
    _ input: UnsafePointer<Double>?, _ channels: Int, _ count: Int, _ sampleRate: Int,
    _ semitones: Double, _ rate: Double,
    _ output: UnsafeMutablePointer<Double>?, _ outputCount: Int,
    _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int
) -> Int32 {
    let reply = Reply(message: message, capacity: messageCapacity)
    guard channels > 0, count >= 0 else {
        return reply.fail(.invalidArgument, "need at least one channel (got \(channels)) and a count ≥ 0")
    }
    guard count == 0 || input != nil, outputCount == 0 || output != nil else {
        return reply.fail(.invalidArgument, "a required pointer is null")
    }
    guard channels.multipliedReportingOverflow(by: count).overflow == false else {
        return reply.fail(.invalidArgument, "\(channels) × \(count) samples is too large")
    }
    guard sampleRate > 0, sampleRate <= 10_000_000 else {
        return reply.fail(.invalidArgument, "sample_rate must be in 1…10000000 Hz (got \(sampleRate))")
    }
    guard pitchShiftSemitones.contains(semitones) else {
        return reply.fail(.invalidArgument, "semitones must be in −48…48 (got \(semitones))")
    }
    guard timeStretchRates.contains(rate) else {
        return reply.fail(.invalidArgument, "the tempo / rate must be in 0.25…4 (got \(rate))")
    }
    let expected = museval_swift_stretched_length(count, rate)
    guard outputCount == expected else {
        return reply.fail(.invalidArgument, "outputCount is \(outputCount), a stretch by \(rate) gives \(expected)")
    }
    let signal = (0..<channels).map { c in
        count == 0 ? [] : Array(UnsafeBufferPointer(start: input! + c * count, count: count))
    }
    let shifted: [[Double]]
    do {
        shifted = try pitchShift(signal, semitones: semitones, rate: rate, sampleRate: sampleRate)
    } catch {
        return reply.fail(.failure, "\(error)")
    }
    guard shifted.count == channels, shifted.allSatisfy({ $0.count == outputCount }) else {
        return reply.fail(
            .failure, "the stretch returned \(shifted.first?.count ?? 0) samples, expected \(outputCount)")
    }
    for (c, channel) in shifted.enumerated() {
        channel.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress else { return }
            (output! + c * outputCount).update(from: from, count: outputCount)
        }
    }
    return CStatus.ok.rawValue
}

/// Where a failing call writes its message: at most `capacity − 1` bytes of UTF-8 and a
/// NUL (cut at a character boundary).
struct Reply {
    let message: UnsafeMutablePointer<CChar>?
    let capacity: Int

    func fail(_ status: CStatus, _ text: String) -> Int32 {
        if let message, capacity > 0 {
            var bytes = Array(text.utf8)
            if bytes.count > capacity - 1 {
                bytes = Array(bytes.prefix(capacity - 1))
                // Drop a trailing partial UTF-8 sequence.
                while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
                if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
            }
            for (i, byte) in bytes.enumerated() { message[i] = CChar(bitPattern: byte) }
            message[bytes.count] = 0
        }
        return status.rawValue
    }
}
