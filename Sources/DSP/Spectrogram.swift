import Numerics

/// A short-time Fourier transform: `frameCount` frames of `binCount` complex bins,
/// stored frame after frame (`values[frame * binCount + bin]`).
public struct Spectrogram: Sendable, Equatable {
    /// FFT size the frames were computed with.
    public let fftSize: Int
    /// Hop between frames, in samples.
    public let hop: Int
    /// Number of frames.
    public let frameCount: Int
    /// Number of non-negative-frequency bins: `fftSize / 2 + 1`.
    public var binCount: Int { fftSize / 2 + 1 }
    /// Bins, frame after frame.
    public var values: [Complex<Double>]

    public init(fftSize: Int, hop: Int, frameCount: Int, values: [Complex<Double>]) {
        precondition(values.count == frameCount * (fftSize / 2 + 1), "values do not fill the frames")
        self.fftSize = fftSize
        self.hop = hop
        self.frameCount = frameCount
        self.values = values
    }

    /// The bin `bin` of frame `frame`.
    public subscript(frame: Int, bin: Int) -> Complex<Double> {
        get { values[frame * binCount + bin] }
        set { values[frame * binCount + bin] = newValue }
    }
}
