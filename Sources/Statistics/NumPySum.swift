/// Sums as numpy's `np.sum` / `np.mean` do for a contiguous float64 array (pairwise
/// summation), so a mean agrees with matplotlib's to the last bit: a straight loop below
/// 8 values; eight running partial sums combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7))
/// up to 128 values; above that the halves (split at a multiple of 8) summed recursively.
/// Besides exactness, pairwise summation keeps the rounding error O(log n) instead of O(n).
public enum NumPySum {
    /// The pairwise sum of `values`.
    public static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0[...]) }
    }

    /// The mean of `values`, `sum / count`; NaN when empty.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : sum(values) / Double(values.count)
    }

    private static let blockSize = 128

    private static func pairwise(_ a: Slice<UnsafeBufferPointer<Double>>) -> Double {
        let n = a.count
        let start = a.startIndex
        if n < 8 {
            // numpy starts this loop from -0.0 so that a sum of negative zeros stays -0.0.
            var result = -0.0
            for value in a { result += value }
            return result
        }
        if n <= blockSize {
            var r = (0..<8).map { a[start + $0] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[start + i + j] }
                i += 8
            }
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                result += a[start + i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwise(a[start..<(start + half)]) + pairwise(a[(start + half)...])
    }
}
