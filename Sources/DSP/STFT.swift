import Numerics

/// The short-time Fourier transform of `signal`, librosa's convention.
///
/// Frame `t` starts at sample `t * hop` of the signal, which is first padded with
/// `fftSize / 2` zeros at both ends when `center` is true (librosa's default, pad mode
/// "constant"). Frames are multiplied by `window` before the FFT. Without centring the
/// last partial frame is dropped, as librosa does.
public func stft(
    _ signal: [Double], fftSize: Int, hop: Int,
    window: Window = .hann, center: Bool = true
) -> Spectrogram {
    precondition(fftSize > 0 && hop > 0, "stft needs a positive FFT size and hop")
    let padding = center ? fftSize / 2 : 0
    let paddedCount = signal.count + 2 * padding
    let frameCount = paddedCount >= fftSize ? 1 + (paddedCount - fftSize) / hop : 0
    let coefficients = window.coefficients(count: fftSize)
    let fft = RealFFT(size: fftSize)
    let bins = fft.binCount
    var values = [Complex<Double>](repeating: .zero, count: frameCount * bins)
    var frame = [Double](repeating: 0, count: fftSize)
    signal.withUnsafeBufferPointer { input in
        values.withUnsafeMutableBufferPointer { output in
            for t in 0..<frameCount {
                let start = t * hop - padding // in signal coordinates; may be negative
                for i in 0..<fftSize {
                    let n = start + i
                    frame[i] = (n >= 0 && n < input.count) ? input[n] * coefficients[i] : 0
                }
                frame.withUnsafeBufferPointer { framePointer in
                    fft.forward(
                        framePointer,
                        into: UnsafeMutableBufferPointer(
                            rebasing: output[(t * bins)..<((t + 1) * bins)]))
                }
            }
        }
    }
    return Spectrogram(fftSize: fftSize, hop: hop, frameCount: frameCount, values: values)
}

/// The signal whose `stft` is `spectrogram`: windowed overlap-add divided by the sum of
/// squared windows (the least-squares inverse of Griffin and Lim, as librosa's `istft`).
///
/// Where the squared windows sum to almost nothing (the outer edges without centring)
/// the division is skipped rather than amplifying rounding noise. `length` trims or
/// zero-pads the output to exactly that many samples.
public func istft(
    _ spectrogram: Spectrogram, window: Window = .hann,
    center: Bool = true, length: Int? = nil
) -> [Double] {
    let fftSize = spectrogram.fftSize
    let hop = spectrogram.hop
    let coefficients = window.coefficients(count: fftSize)
    let fullCount = spectrogram.frameCount > 0 ? fftSize + hop * (spectrogram.frameCount - 1) : 0
    var output = [Double](repeating: 0, count: fullCount)
    var windowSum = [Double](repeating: 0, count: fullCount)
    let fft = RealFFT(size: fftSize)
    let bins = fft.binCount
    var frame = [Double](repeating: 0, count: fftSize)
    spectrogram.values.withUnsafeBufferPointer { input in
        for t in 0..<spectrogram.frameCount {
            frame.withUnsafeMutableBufferPointer { framePointer in
                fft.inverse(
                    UnsafeBufferPointer(rebasing: input[(t * bins)..<((t + 1) * bins)]),
                    into: framePointer)
            }
            let start = t * hop
            for i in 0..<fftSize {
                output[start + i] += frame[i] * coefficients[i]
                windowSum[start + i] += coefficients[i] * coefficients[i]
            }
        }
    }
    let tiny = Double.leastNormalMagnitude.squareRoot()
    for i in 0..<fullCount where windowSum[i] > tiny { output[i] /= windowSum[i] }
    let padding = center ? fftSize / 2 : 0
    let available = max(0, fullCount - 2 * padding)
    let count = length ?? available
    var result = [Double](repeating: 0, count: count)
    for i in 0..<min(count, fullCount - padding) where i + padding < fullCount { result[i] = output[i + padding] }
    return result
}
