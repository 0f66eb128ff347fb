#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Formats doubles exactly as Python (and so museval's JSON) prints them.
///
/// museval writes metrics through `Decimal(x).quantize(Decimal(".00001"))`: the *exact* binary
/// value of the double rounded half-even to 5 decimals (so 1.234565, stored as 1.2345649999…,
/// gives 1.23456, and 0.015625, an exact tie, gives 0.01562). Multiplying by 1e5 and rounding
/// would get both wrong; C's `%.5f` does the exact decimal expansion with ties-to-even, which
/// is what Decimal does. Frame times are plain floats, printed as Python's `repr`.
enum PythonFloatFormat {
    /// `x` rounded half-even to 5 decimals, written with exactly 5 decimals ("-0.00000" keeps
    /// the sign, as Decimal does). Non-finite values give "NaN", as museval writes ±∞ as NaN.
    static func fixed5(_ x: Double) -> String {
        guard x.isFinite else { return "NaN" }
        var buffer = [CChar](repeating: 0, count: 352)
        let count = buffer.withUnsafeMutableBufferPointer { out in
            withVaList([x]) { vsnprintf(out.baseAddress, out.count, "%.5f", $0) }
        }
        return String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `x` with `decimals` decimals as Python's `format(x, ".2f")` writes it: the exact binary
    /// value rounded half-even (C's `%.*f`), so 0.125 gives "0.12" and 2.675 (stored as
    /// 2.67499999…) gives "2.67". Non-finite values give "nan", "inf", "-inf".
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        var buffer = [CChar](repeating: 0, count: 400)
        let count = buffer.withUnsafeMutableBufferPointer { out in
            withVaList([Int32(decimals), x]) { vsnprintf(out.baseAddress, out.count, "%.*f", $0) }
        }
        return String(decoding: buffer[0..<Int(min(count, 399))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Python's `repr(float)`: the shortest digits that read back to `x`, in fixed notation for
    /// decimal exponents −4…15 ("0.1", "1.0", "0.30000000000000004") and scientific otherwise
    /// ("1e-05", "1e+16"); "nan", "inf", "-inf" for the non-finite values.
    static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description gives the same shortest round-trip digits. Swift uses fixed
        // notation only below 2^53 (and from 1e-4), where Python does too: then it is the same
        // text. Only exponent forms need Python's layout (Python stays fixed up to 1e16).
        let text = x.description
        if !text.contains("e") { return text }
        let (negative, digits, exponent) = shortestDigits(x)
        let sign = negative ? "-" : ""
        if exponent >= -4 && exponent < 16 {
            if exponent < 0 {
                return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
            let integerCount = exponent + 1
            if digits.count <= integerCount {
                return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: integerCount)
            return sign + digits[..<split] + "." + digits[split...]
        }
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let magnitude = abs(exponent)
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }

    /// The shortest round-trip significant digits of `x` (no leading/trailing zeros, "0" for
    /// zero) and the decimal exponent of the first digit.
    static func shortestDigits(_ x: Double) -> (negative: Bool, digits: String, exponent: Int) {
        let text = x.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var all = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        while all.hasPrefix("0") && all.count > 1 { all.removeFirst(); pointPosition -= 1 }
        while all.hasSuffix("0") && all.count > 1 { all.removeLast() }
        if all == "0" { return (x.sign == .minus, "0", 0) }
        return (x.sign == .minus, all, pointPosition - 1)
    }
}
