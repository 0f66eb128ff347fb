import Foundation
import Numerics

/// A stereo-coherent phase vocoder with identity phase locking and phase reset at
/// transients: the engine behind `timeStretch` (and, with a resampler, pitch shifting).
///
/// - Identity phase locking (Laroche & Dolson 1999): each spectral peak gets its phase
///   advanced by its instantaneous frequency times the synthesis hop; every bin in the
///   peak's region of influence is rotated by the same angle as the peak, so the
///   sinusoid's shape across bins (and its amplitude) is kept and "phasiness" is low.
/// - Stereo coherence: the rotation of a bin is one number shared by all channels, so
///   inter-channel level and phase (hence panning and inter-channel delay) survive
///   exactly per bin. The peak's frequency is estimated from `Σ_c X_c[k]·conj(X_c[k-1])`,
///   which is insensitive to inter-channel phase (anti-phase content does not cancel, as
///   it would in a mid channel) and weights channels by their level.
/// - Transients: attacks are detected in the time domain and every frame overlapping one
///   is copied with its own phases and an unstretched hop, so the attack comes out
///   exactly as it went in (see `schedule`).
///
/// Numerical trap: the accumulated rotations grow without bound and lose precision as
/// plain `Double` sums; they are wrapped into (-π, π] at every frame.
public struct PhaseVocoder: Sendable, Equatable {
    /// FFT size (frame length) in samples.
    public var fftSize: Int
    /// Synthesis hop in samples; the analysis hop is `hop × rate`.
    public var hop: Int
    /// Whether attacks are copied unstretched with their own phases (on by default).
    public var preservesTransients: Bool

    /// A vocoder with explicit framing. `fftSize` must be a multiple of `hop`, and
    /// `hop ≤ fftSize / 2` (the Hann windows must overlap to sum to a constant).
    public init(fftSize: Int = 2048, hop: Int = 512, preservesTransients: Bool = true) {
        precondition(
            fftSize >= 16 && hop > 0 && fftSize % hop == 0 && hop <= fftSize / 2,
            "PhaseVocoder: fftSize must be a multiple of hop and at least twice it")
        self.fftSize = fftSize
        self.hop = hop
        self.preservesTransients = preservesTransients
    }

    /// The default framing for `sampleRate`: about 46 ms frames (2048 points at 44.1 or
    /// 48 kHz, a power of two) with a hop of a quarter frame.
    public init(sampleRate: Int) {
        let target = 2048.0 * Double(sampleRate) / 44_100.0
        var size = 256
        while Double(size) * 1.5 < target { size *= 2 }
        self.init(fftSize: size, hop: size / 4)
    }

    /// The default framing for a stretch by `rate`: as `init(sampleRate:)`, with an
    /// eighth-frame hop for large stretches (rate outside 0.8…1.25), where a quarter-frame
    /// hop lets the phase differences between frames grow large enough to sound phasey.
    public init(sampleRate: Int, rate: Double) {
        self.init(sampleRate: sampleRate)
        if rate < 0.8 || rate > 1.25 { hop = fftSize / 8 }
    }

    /// The channels (all the same length) played `rate` times faster: `rate` 2 halves
    /// the duration, 0.5 doubles it, pitch unchanged. The result has exactly
    /// `round(count / rate)` samples per channel; `rate == 1` returns the input untouched.
    public func stretch(_ channels: [[Double]], rate: Double) -> [[Double]] {
        precondition(rate.isFinite && rate > 0, "timeStretch: rate must be positive and finite")
        precondition(Set(channels.map(\.count)).count <= 1, "timeStretch: channels of different lengths")
        guard rate != 1, let inputCount = channels.first?.count, inputCount > 0 else { return channels }
        let outputCount = Int((Double(inputCount) / rate).rounded())
        guard outputCount > 0 else { return channels.map { _ in [] } }
        return PhaseVocoderRun(vocoder: self, channels: channels, rate: rate, outputCount: outputCount).run()
    }
}

/// One pass of the phase vocoder over one multichannel signal: owns the work buffers.
private struct PhaseVocoderRun {
    let n: Int
    let hop: Int
    let bins: Int
    let rate: Double
    let channelCount: Int
    let inputCount: Int
    let outputCount: Int
    let vocoder: PhaseVocoder
    let channels: [[Double]]

    init(vocoder: PhaseVocoder, channels: [[Double]], rate: Double, outputCount: Int) {
        self.n = vocoder.fftSize
        self.hop = vocoder.hop
        self.bins = vocoder.fftSize / 2 + 1
        self.rate = rate
        self.channelCount = channels.count
        self.inputCount = channels[0].count
        self.outputCount = outputCount
        self.vocoder = vocoder
        self.channels = channels
    }

    func run() -> [[Double]] {
        let n = self.n, hop = self.hop, bins = self.bins, half = n / 2
        let window = Window.hann.coefficients(count: n)
        let fft = RealFFT(size: n)

        // Frames centred at synthesis positions k·hop (output) and at the schedule's
        // analysis centres (input, about k·hop·rate); k starts early enough that the first
        // output samples get the full window overlap, and runs until the last is covered.
        let firstFrame = -(half / hop) + 1
        let lastFrame = (outputCount - 1 + half) / hop
        // Output sample i accumulates at i + n, so frame starts are never negative.
        let accumulatorCount = lastFrame * hop - half + 2 * n
        var output = [[Double]](repeating: [Double](repeating: 0, count: accumulatorCount), count: channelCount)
        var windowSum = [Double](repeating: 0, count: accumulatorCount)

        var current = [[Complex<Double>]](
            repeating: [Complex<Double>](repeating: .zero, count: bins), count: channelCount)
        var previous = current
        var power = [Double](repeating: 0, count: bins)
        var rotation = [Double](repeating: 0, count: bins) // shared by all channels
        var frame = [Double](repeating: 0, count: n)
        var units = [Complex<Double>](repeating: .zero, count: bins)
        var rotated = units
        var peaks = [Int]()
        peaks.reserveCapacity(bins / 2)
        var previousAnalysis = 0
        let schedule = vocoder.schedule(
            channels: channels, rate: rate, outputCount: outputCount,
            firstFrame: firstFrame, lastFrame: lastFrame)
        let twoPi = 2 * Double.pi

        for k in firstFrame...lastFrame {
            let analysisCentre = schedule.analysisCentres[k - firstFrame]
            let synthesisStart = k * hop - half + n // in accumulator coordinates

            // Analysis: windowed frame of each channel, zero outside the input.
            for c in 0..<channelCount {
                channels[c].withUnsafeBufferPointer { input in
                    let start = analysisCentre - half
                    for i in 0..<n {
                        let m = start + i
                        frame[i] = (m >= 0 && m < inputCount) ? input[m] * window[i] : 0
                    }
                }
                frame.withUnsafeBufferPointer { f in
                    current[c].withUnsafeMutableBufferPointer { fft.forward(f, into: $0) }
                }
            }
            for j in 0..<bins {
                var p = 0.0
                for c in 0..<channelCount { p += current[c][j].lengthSquared }
                power[j] = p
            }

            let reset = schedule.resets[k - firstFrame]
            var peakPower = 0.0
            for j in 0..<bins { peakPower = max(peakPower, power[j]) }
            let floor = peakPower * 1e-8 + Double.leastNormalMagnitude

            // Peaks: local maxima over two neighbours each side.
            peaks.removeAll(keepingCapacity: true)
            if bins > 4 {
                for j in 2..<(bins - 2) {
                    let p = power[j]
                    if p > floor, p > power[j - 1], p >= power[j - 2], p >= power[j + 1], p >= power[j + 2] {
                        peaks.append(j)
                    }
                }
            }

            if reset {
                for j in 0..<bins { rotation[j] = 0 }
            } else if !peaks.isEmpty {
                let analysisHop = Double(analysisCentre - previousAnalysis)
                let phaseGap = Double(hop) - analysisHop
                var regionStart = 0
                for (index, p) in peaks.enumerated() {
                    // Region of influence: up to the lowest bin before the next peak.
                    var regionEnd = bins
                    if index + 1 < peaks.count {
                        let next = peaks[index + 1]
                        var lowest = p + 1
                        for j in (p + 1)..<next where power[j] < power[lowest] { lowest = j }
                        regionEnd = lowest + 1
                    }
                    // Instantaneous frequency at the peak from the channel-summed phase step.
                    var z = Complex<Double>.zero
                    for c in 0..<channelCount { z = z + current[c][p] * previous[c][p].conjugate }
                    let binFrequency = twoPi * Double(p) / Double(n)
                    var deviation = atan2(z.imaginary, z.real) - binFrequency * analysisHop
                    deviation -= twoPi * (deviation / twoPi).rounded()
                    let frequency = analysisHop > 0 ? binFrequency + deviation / analysisHop : binFrequency
                    var angle = rotation[p] + frequency * phaseGap
                    angle -= twoPi * (angle / twoPi).rounded()
                    for j in regionStart..<regionEnd { rotation[j] = angle }
                    regionStart = regionEnd
                }
            }

            // Synthesis: rotate every channel by the shared angles (one cos/sin per
            // region, since a region's bins share their angle), inverse FFT, window,
            // overlap-add. `current` keeps the analysis spectrum for the next phase step.
            var lastAngle = 0.0
            var unit = Complex<Double>(1, 0)
            for j in 0..<bins {
                let angle = rotation[j]
                if angle != lastAngle {
                    unit = Complex(cos(angle), sin(angle))
                    lastAngle = angle
                }
                units[j] = unit
            }
            for c in 0..<channelCount {
                for j in 0..<bins { rotated[j] = current[c][j] * units[j] }
                rotated.withUnsafeBufferPointer { s in
                    frame.withUnsafeMutableBufferPointer { fft.inverse(s, into: $0, normalized: false) }
                }
                output[c].withUnsafeMutableBufferPointer { out in
                    for i in 0..<n { out[synthesisStart + i] += frame[i] * window[i] }
                }
            }
            // The unnormalised inverse FFT's factor n is divided out with the window sum.
            for i in 0..<n { windowSum[synthesisStart + i] += window[i] * window[i] * Double(n) }

            swap(&current, &previous)
            previousAnalysis = analysisCentre
        }

        let tiny = Double.leastNormalMagnitude.squareRoot()
        return output.map { accumulated in
            [Double](unsafeUninitializedCapacity: outputCount) { result, count in
                for i in 0..<outputCount {
                    let w = windowSum[i + n]
                    result[i] = w > tiny ? accumulated[i + n] / w : 0
                }
                count = outputCount
            }
        }
    }
}
