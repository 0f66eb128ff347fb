import DSP
import Foundation

/// Measurements the quality tests assert on; plain loops, written for clarity.
enum SignalMeasures {
    static func sine(
        frequency: Double, count: Int, sampleRate: Double = 44_100, amplitude: Double = 0.5,
        phase: Double = 0
    ) -> [Double] {
        (0..<count).map { amplitude * sin(2 * Double.pi * frequency * Double($0) / sampleRate + phase) }
    }

    static func rms(_ x: ArraySlice<Double>) -> Double {
        (x.reduce(0) { $0 + $1 * $1 } / Double(max(1, x.count))).squareRoot()
    }

    static func decibels(_ ratio: Double) -> Double { 20 * log10(ratio) }

    static func cents(_ measured: Double, _ target: Double) -> Double { 1200 * log2(measured / target) }

    /// The frequency of the strongest sinusoid in `x`: Hann window, zero-padding to 16×,
    /// parabolic interpolation of the log magnitude around the top bin (accurate to well
    /// under a cent for a second of a steady tone).
    static func dominantFrequency(_ x: ArraySlice<Double>, sampleRate: Double = 44_100) -> Double {
        let count = x.count
        let size = RealFFT.fastSize(atLeast: count * 16)
        let window = Window.hann.coefficients(count: count)
        var padded = [Double](repeating: 0, count: size)
        for (i, v) in x.enumerated() { padded[i] = v * window[i] }
        let spectrum = RealFFT(size: size).forward(padded).map { log($0.lengthSquared + 1e-300) }
        let top = spectrum.indices.dropFirst().dropLast().max { spectrum[$0] < spectrum[$1] }!
        let (a, b, c) = (spectrum[top - 1], spectrum[top], spectrum[top + 1])
        let offset = 0.5 * (a - c) / (a - 2 * b + c)
        return (Double(top) + offset) * sampleRate / Double(size)
    }

    /// The lag (in samples, positive when `y` is late) that maximises the cross-correlation
    /// of `x` and `y` within ±`maxLag`.
    static func lag(of y: [Double], against x: [Double], maxLag: Int) -> Int {
        var best = 0, bestValue = -Double.infinity
        for lag in -maxLag...maxLag {
            var sum = 0.0
            for i in max(0, -lag)..<min(x.count, y.count - lag) { sum += x[i] * y[i + lag] }
            if sum > bestValue { bestValue = sum; best = lag }
        }
        return best
    }

    /// Click sharpness: for each click, the share of the energy around it (±half the
    /// spacing) that lies within ±`radius` samples of its peak. 1 is a perfect click; a
    /// phase vocoder without transient handling smears a click over its frame (~46 ms).
    static func clickConcentration(_ y: [Double], expectedPositions: [Int], spacing: Int, radius: Int) -> [Double] {
        expectedPositions.map { position in
            let lower = max(0, position - spacing / 2), upper = min(y.count, position + spacing / 2)
            var peak = lower
            for i in lower..<upper where abs(y[i]) > abs(y[peak]) { peak = i }
            var near = 0.0, total = 0.0
            for i in lower..<upper {
                total += y[i] * y[i]
                if abs(i - peak) <= radius { near += y[i] * y[i] }
            }
            return total > 0 ? near / total : 0
        }
    }
}
