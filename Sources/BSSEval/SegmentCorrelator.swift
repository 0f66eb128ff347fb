import DSP

/// One thread's buffers for the lags of one segment at a time.
final class SegmentCorrelator {
    let K: Int, Ke: Int, L: Int, size: Int, block: Int
    let fft: RealFFT
    let spectra: [ReferenceCorrelations.BlockSpectra]
    let accumulator: SplitSpectra
    var lagBuffer: [Double]

    init(references K: Int, estimates Ke: Int, filterLength L: Int, size: Int) {
        self.K = K
        self.Ke = Ke
        self.L = L
        self.size = size
        block = size - 2 * L + 2
        fft = RealFFT(size: size)
        let bins = size / 2 + 1
        spectra = (0..<2).map { _ in
            (
                x: SplitSpectra(count: K, bins: bins), y: SplitSpectra(count: K, bins: bins),
                z: SplitSpectra(count: Ke, bins: bins)
            )
        }
        accumulator = SplitSpectra(count: K * (K + 1) / 2 + K * Ke, bins: bins, hugePages: false)
        lagBuffer = [Double](repeating: 0, count: size)
    }

    /// Writes the lags of `range` (Gram, then cross; `FrameCorrelations` layout) to `out`,
    /// and adds the range's nsdr / SI-SDR lane sums to `lanes` (3 per reference channel).
    func correlate(
        _ r: [UnsafePointer<Double>], _ e: [UnsafePointer<Double>], range: Range<Int>,
        into out: UnsafeMutablePointer<Double>, lanes: UnsafeMutablePointer<GlobalMetrics.Lanes>?
    ) {
        let pairs = K * (K + 1) / 2
        accumulator.clear()
        let blockCount = (range.count + block - 1) / block
        for first in stride(from: 0, to: blockCount, by: 2) {
            let blocks = first..<min(first + 2, blockCount)
            for (slot, b) in blocks.enumerated() {
                ReferenceCorrelations.transformBlock(
                    b, of: range, block: block, filterLength: L, fft: fft, r, e,
                    into: spectra[slot], lanes: lanes)
            }
            ReferenceCorrelations.accumulate(
                accumulator, spectra[0], spectra[1], blocks: blocks.count,
                references: K, estimates: Ke, pairs: pairs, vectors: accumulator.vectorCount)
        }
        let gramCount = pairs * (2 * L - 1)
        lagBuffer.withUnsafeMutableBufferPointer { lag in
            for i in 0..<(pairs + K * Ke) {
                fft.inverse(real: accumulator.real(i), imaginary: accumulator.imaginary(i), into: lag)
                if i < pairs {
                    let row = out + i * (2 * L - 1) + L - 1
                    row[0] = lag[0]
                    for m in 1..<L {
                        row[m] = lag[m]
                        row[-m] = lag[size - m]
                    }
                } else {
                    let row = out + gramCount + (i - pairs) * L
                    row[0] = lag[0]
                    for k in 1..<L { row[k] = lag[size - k] }
                }
            }
        }
    }
}
