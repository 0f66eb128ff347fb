import Numerics

extension RealFFT {
    /// The spectra of `frameCount` windowed frames of `signal`, frame after frame
    /// (`frameCount × binCount` values): frame `t` covers samples `t·hop − padding` up to
    /// `size` samples on, each multiplied by `window[i]`; samples outside the signal are
    /// zeros (constant padding), so no padded copy of the signal is made.
    func forwardFrames(of signal: [Double], window: [Double], hop: Int, padding: Int, frameCount: Int)
        -> [Complex<Double>]
    {
        let bins = binCount
        var values = [Complex<Double>](repeating: .zero, count: frameCount * bins)
        var frame = [Double](repeating: 0, count: size)
        signal.withUnsafeBufferPointer { input in
            values.withUnsafeMutableBufferPointer { output in
                for t in 0..<frameCount {
                    let start = t * hop - padding // in signal coordinates; may be negative
                    for i in 0..<size {
                        let n = start + i
                        frame[i] = (n >= 0 && n < input.count) ? input[n] * window[i] : 0
                    }
                    let spectrum = UnsafeMutableBufferPointer(rebasing: output[(t * bins)..<((t + 1) * bins)])
                    frame.withUnsafeBufferPointer { forward($0, into: spectrum) }
                }
            }
        }
        return values
    }
}
