import Foundation
import Numerics

/// The short-time Fourier transform in `scipy.signal.stft` / `istft`'s convention, the one
/// sigsep's oracle separators use (`stft(x, nperseg=n)` and `istft(Z)`), beside librosa's
/// `stft` / `istft` of this module.
///
/// It differs from librosa's in three ways that change every number:
/// - frames are scaled by `1 / window.sum()` (scipy's `scaling='spectrum'`), and the
///   inverse multiplies that sum back;
/// - the signal is padded with `segmentLength / 2` zeros at both ends (`boundary='zeros'`)
///   and then with zeros at the end until the frames cover it exactly (`padded=True`),
///   so the last samples always reach a frame;
/// - the inverse divides the overlap-add by the summed squared windows only where that sum
///   exceeds 1e-10 (scipy's threshold), then drops `segmentLength / 2` samples at both
///   ends; its output is therefore longer than the signal and callers trim it.
///
/// Window: the periodic Hann window of `segmentLength` points (scipy's default).
public struct SciPySTFT: Sendable, Equatable {
    /// Samples per frame (`nperseg`), also the FFT size.
    public let segmentLength: Int
    /// Samples shared by consecutive frames (`noverlap`).
    public let overlap: Int
    /// Samples between frame starts: `segmentLength - overlap`.
    public var hop: Int { segmentLength - overlap }
    /// Number of frequency bins: `segmentLength / 2 + 1`.
    public var binCount: Int { segmentLength / 2 + 1 }

    /// Makes the transform of `segmentLength` points; `overlap` defaults to half a frame,
    /// as scipy's.
    public init(segmentLength: Int, overlap: Int? = nil) {
        precondition(segmentLength > 0, "segmentLength must be positive")
        let overlap = overlap ?? segmentLength / 2
        precondition(overlap >= 0 && overlap < segmentLength, "overlap must be in 0..<segmentLength")
        self.segmentLength = segmentLength
        self.overlap = overlap
    }

    /// The window's coefficients (periodic Hann).
    public var window: [Double] { Window.hann.coefficients(count: segmentLength) }

    /// Number of frames `forward` makes of `sampleCount` samples.
    public func frameCount(sampleCount: Int) -> Int {
        let padded = sampleCount + 2 * (segmentLength / 2)
        // scipy: nadd = (-(L - nperseg) % nstep) % nperseg, with Python's floored modulo.
        let remainder = (padded - segmentLength) % hop
        let extra = (remainder == 0 ? 0 : hop - remainder) % segmentLength
        let total = padded + extra
        return total >= segmentLength ? (total - segmentLength) / hop + 1 : 0
    }

    /// Number of samples `inverse` returns for `frameCount` frames.
    public func outputCount(frameCount: Int) -> Int {
        guard frameCount > 0 else { return 0 }
        return max(0, segmentLength + (frameCount - 1) * hop - 2 * (segmentLength / 2))
    }

    /// `scipy.signal.stft(signal, nperseg: segmentLength, noverlap: overlap)[2]`, as
    /// frames of `binCount` bins.
    ///
    /// scipy shortens `nperseg` to the signal's length when the signal is shorter; this
    /// type does not (the inverse could not know it), so give it signals at least one
    /// segment long for identical numbers.
    public func forward(_ signal: [Double]) -> Spectrogram {
        let frames = frameCount(sampleCount: signal.count)
        let coefficients = window
        let scale = scaleFactor(windowSum: Self.sum(coefficients))
        let padding = segmentLength / 2
        let fft = RealFFT(size: segmentLength)
        let bins = fft.binCount
        var values = [Complex<Double>](repeating: .zero, count: frames * bins)
        var frame = [Double](repeating: 0, count: segmentLength)
        signal.withUnsafeBufferPointer { input in
            values.withUnsafeMutableBufferPointer { output in
                for t in 0..<frames {
                    let start = t * hop - padding // in signal coordinates; may be negative
                    for i in 0..<segmentLength {
                        let n = start + i
                        frame[i] = (n >= 0 && n < input.count) ? coefficients[i] * input[n] : 0
                    }
                    let spectrum = UnsafeMutableBufferPointer(rebasing: output[(t * bins)..<((t + 1) * bins)])
                    frame.withUnsafeBufferPointer { fft.forward($0, into: spectrum) }
                    for k in 0..<bins { spectrum[k] = Complex(spectrum[k].real * scale, spectrum[k].imaginary * scale) }
                }
            }
        }
        return Spectrogram(fftSize: segmentLength, hop: hop, frameCount: frames, values: values)
    }

    /// `scipy.signal.istft(spectrogram, nperseg: segmentLength, noverlap: overlap)[1]`:
    /// `outputCount(frameCount:)` samples, which callers trim to the signal's length.
    public func inverse(_ spectrogram: Spectrogram) -> [Double] {
        precondition(spectrogram.fftSize == segmentLength, "spectrogram of another segment length")
        let frames = spectrogram.frameCount
        guard frames > 0 else { return [] }
        let coefficients = window
        let windowSum = Self.sum(coefficients)
        let fullCount = segmentLength + (frames - 1) * hop
        var output = [Double](repeating: 0, count: fullCount)
        var norm = [Double](repeating: 0, count: fullCount)
        let fft = RealFFT(size: segmentLength)
        let bins = fft.binCount
        var frame = [Double](repeating: 0, count: segmentLength)
        spectrogram.values.withUnsafeBufferPointer { input in
            for t in 0..<frames {
                frame.withUnsafeMutableBufferPointer { framePointer in
                    fft.inverse(
                        UnsafeBufferPointer(rebasing: input[(t * bins)..<((t + 1) * bins)]),
                        into: framePointer)
                }
                let start = t * hop
                for i in 0..<segmentLength {
                    // scipy scales the whole inverse frame by the window sum, then windows it.
                    output[start + i] += (frame[i] * windowSum) * coefficients[i]
                    norm[start + i] += coefficients[i] * coefficients[i]
                }
            }
        }
        let padding = segmentLength / 2
        let count = outputCount(frameCount: frames)
        var result = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let n = norm[i + padding]
            result[i] = n > 1e-10 ? output[i + padding] / n : output[i + padding]
        }
        return result
    }

    /// scipy's frame scale for `scaling='spectrum'` in STFT mode: `sqrt(1 / sum²)`, which
    /// is `1 / sum` up to one rounding; computed scipy's way so the numbers agree.
    private func scaleFactor(windowSum: Double) -> Double {
        (1.0 / (windowSum * windowSum)).squareRoot()
    }

    /// The sum of the window's coefficients (numpy sums pairwise; the two agree to a few
    /// ulps, far below anything the transform's users can see).
    static func sum(_ values: [Double]) -> Double {
        values.reduce(0, +)
    }
}
