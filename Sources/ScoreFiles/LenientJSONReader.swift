#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small pull parser for JSON as Python writes it: strict JSON plus the bare tokens `NaN`,
/// `Infinity` and `-Infinity` (Foundation's JSONSerialization rejects those, and museval
/// writes NaN for every unscorable frame).
///
/// It reads straight from the bytes, so a caller can decode a 200 kB score file into arrays of
/// doubles without building a tree. Numbers are converted exactly like Python's `float()`
/// (correctly rounded): a fast path for ≤ 15 significant digits and |decimal exponent| ≤ 22,
/// where `digits / 10^k` is one exact IEEE division of two exact doubles (Clinger's fast path),
/// and `strtod` for everything else.
struct LenientJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next unread byte.
    private(set) var offset = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` with a reader over `bytes`; the reader must not escape `body`.
    static func read<T>(_ bytes: [UInt8], _ body: (inout LenientJSONReader) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = LenientJSONReader(buffer)
            return try body(&reader)
        }
    }

    // MARK: Errors

    /// A syntax error at `offset` (default: the current position), with its line and column.
    func error(_ reason: String, at position: Int? = nil) -> JSONSyntaxError {
        let position = min(position ?? offset, bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<position where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return JSONSyntaxError(offset: position, line: line, column: position - lineStart + 1, reason: reason)
    }

    private func describeNext() -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    // MARK: Structure

    @inline(__always)
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next non-blank byte, without consuming it (nil at the end).
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    private mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else {
            throw error("expected \(what()), found \(describeNext())")
        }
        offset += 1
    }

    /// Consumes `{`. Then call `nextKey()` until it returns nil.
    mutating func beginObject() throws { try expect(UInt8(ascii: "{"), "'{'") }

    /// Consumes `[`. Then call `nextElement()` before each element until it returns false.
    mutating func beginArray() throws { try expect(UInt8(ascii: "["), "'['") }

    /// Whether the current array has one more element; consumes the separating `,` or the
    /// closing `]`. Call once before each element.
    mutating func nextElement(first: Bool) throws -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unterminated array: expected ',' or ']', found end of file") }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or ']' in an array, found \(describeNext())")
            }
            offset += 1
        }
        return true
    }

    /// The next member name of the current object, consuming the `:`; nil (and the closing `}`)
    /// when the object ends.
    mutating func nextKey(first: Bool) throws -> String? {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unterminated object: expected ',' or '}', found end of file") }
        var byte = bytes[offset]
        if byte == UInt8(ascii: "}") {
            offset += 1
            return nil
        }
        if !first {
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or '}' in an object, found \(describeNext())")
            }
            offset += 1
            skipWhitespace()
            byte = offset < bytes.count ? bytes[offset] : 0
            if byte == UInt8(ascii: "}") { throw error("trailing ',' before '}'") }
        }
        guard byte == UInt8(ascii: "\"") else {
            throw error("expected a member name in quotes, found \(describeNext())")
        }
        let key = try readString()
        try expect(UInt8(ascii: ":"), "':' after the member name \"\(key)\"")
        return key
    }

    /// A member name as it stands in the input: a byte range, compared without building a
    /// String (decoding a million keys would dominate the time to read museval's files).
    struct RawKey {
        fileprivate let start: Int
        fileprivate let count: Int
        fileprivate let escaped: Bool
    }

    /// Like `nextKey(first:)`, but returns the key as a range of the input.
    mutating func nextRawKey(first: Bool) throws -> RawKey? {
        skipWhitespace()
        guard offset < bytes.count else { throw error("unterminated object: expected ',' or '}', found end of file") }
        var byte = bytes[offset]
        if byte == UInt8(ascii: "}") {
            offset += 1
            return nil
        }
        if !first {
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or '}' in an object, found \(describeNext())")
            }
            offset += 1
            skipWhitespace()
            byte = offset < bytes.count ? bytes[offset] : 0
            if byte == UInt8(ascii: "}") { throw error("trailing ',' before '}'") }
        }
        guard byte == UInt8(ascii: "\"") else {
            throw error("expected a member name in quotes, found \(describeNext())")
        }
        let start = offset + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20
        {
            end += 1
        }
        let key: RawKey
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            key = RawKey(start: start, count: end - start, escaped: false)
            offset = end + 1
        } else {
            _ = try readString() // escapes or an error: let the full string reader handle it
            key = RawKey(start: start, count: offset - 1 - start, escaped: true)
        }
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
            throw error("expected ':' after the member name \"\(string(of: key))\", found \(describeNext())")
        }
        offset += 1
        return key
    }

    /// Whether `key` is `name`.
    @inline(__always)
    func key(_ key: RawKey, is name: StaticString) -> Bool {
        if key.escaped { return string(of: key) == name.description }
        return key.count == name.utf8CodeUnitCount
            && memcmp(bytes.baseAddress! + key.start, name.utf8Start, key.count) == 0
    }

    /// The key's text, escapes decoded.
    func string(of key: RawKey) -> String {
        if !key.escaped {
            return String(
                decoding: UnsafeBufferPointer(rebasing: bytes[key.start..<key.start + key.count]), as: UTF8.self)
        }
        var copy = self
        copy.offset = key.start - 1
        return (try? copy.readString()) ?? ""
    }

    /// Loops over the members of an object with raw keys (see `key(_:is:)`); `body` must
    /// consume each value.
    mutating func forEachRawMember(_ body: (inout LenientJSONReader, RawKey) throws -> Void) throws {
        try beginObject()
        var first = true
        while let key = try nextRawKey(first: first) {
            first = false
            try body(&self, key)
        }
    }

    /// Loops over the members of an object: `body` is called with each key and must consume
    /// the value (read it or `skipValue()`).
    mutating func forEachMember(_ body: (inout LenientJSONReader, String) throws -> Void) throws {
        try beginObject()
        var first = true
        while let key = try nextKey(first: first) {
            first = false
            try body(&self, key)
        }
    }

    /// Loops over the elements of an array: `body` is called with each index and must consume
    /// the element.
    mutating func forEachElement(_ body: (inout LenientJSONReader, Int) throws -> Void) throws {
        try beginArray()
        var index = 0
        while try nextElement(first: index == 0) {
            try body(&self, index)
            index += 1
        }
    }

    /// Fails unless only whitespace is left.
    mutating func expectEnd() throws {
        skipWhitespace()
        if offset < bytes.count { throw error("extra data after the JSON value: \(describeNext())") }
    }

    // MARK: Values

    /// How deep arrays and objects may nest in `readValue()` (a guard against stack overflow
    /// on hostile input; museval's files nest 5 deep).
    static let maximumDepth = 512
    private var depth = 0

    /// Reads any value into a tree.
    mutating func readValue() throws -> JSONValue {
        guard let byte = peek() else { throw error("expected a value, found end of file") }
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            guard depth < Self.maximumDepth else {
                throw error("arrays and objects nested deeper than \(Self.maximumDepth)")
            }
            depth += 1
        }
        defer { if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth -= 1 } }
        switch byte {
        case UInt8(ascii: "{"):
            var members: [JSONValue.Member] = []
            try forEachMember { reader, key in members.append(.init(key: key, value: try reader.readValue())) }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try forEachElement { reader, _ in elements.append(try reader.readValue()) }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null"); return .null
        default:
            return .number(try readNumber())
        }
    }

    /// Skips one value of any kind.
    mutating func skipValue() throws { _ = try readValue() }

    /// Whether the next value is `null` (consumed if so).
    mutating func readNullIfPresent() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try expectWord("null")
        return true
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let start = offset
        let count = word.utf8CodeUnitCount
        let matches =
            offset + count <= bytes.count
            && memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0
        guard matches else { throw error("expected \(word), found \(describeNext())", at: start) }
        offset += count
    }

    /// Reads a number: JSON's grammar plus `NaN`, `Infinity`, `-Infinity`.
    mutating func readNumber() throws -> Double {
        skipWhitespace()
        let start = offset
        guard offset < bytes.count else { throw error("expected a number, found end of file") }
        if bytes[offset] == UInt8(ascii: "N") { try expectWord("NaN"); return .nan }
        if bytes[offset] == UInt8(ascii: "I") { try expectWord("Infinity"); return .infinity }
        var negative = false
        if bytes[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "I") {
                try expectWord("Infinity")
                return -.infinity
            }
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var decimalExponent = 0
        var integerDigits = 0
        while offset < bytes.count, bytes[offset] &- 0x30 < 10 {
            let digit = UInt64(bytes[offset] &- 0x30)
            if mantissa != 0 || digit != 0 {
                if significant < 19 { mantissa = mantissa * 10 + digit } else { decimalExponent += 1 }
                significant += 1
            }
            integerDigits += 1
            offset += 1
        }
        guard integerDigits > 0 else {
            throw error("expected a value, found \(describeNext())", at: start)
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            var fractionDigits = 0
            while offset < bytes.count, bytes[offset] &- 0x30 < 10 {
                let digit = UInt64(bytes[offset] &- 0x30)
                if mantissa != 0 || digit != 0 {
                    if significant < 19 {
                        mantissa = mantissa * 10 + digit
                        decimalExponent -= 1
                    }
                    significant += 1
                } else {
                    decimalExponent -= 1
                }
                fractionDigits += 1
                offset += 1
            }
            guard fractionDigits > 0 else { throw error("expected a digit after '.' in a number") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            var exponentNegative = false
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                exponentNegative = bytes[offset] == UInt8(ascii: "-")
                offset += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while offset < bytes.count, bytes[offset] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[offset] &- 0x30) }
                exponentDigits += 1
                offset += 1
            }
            guard exponentDigits > 0 else { throw error("expected a digit in the exponent of a number") }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        // Clinger's fast path: both operands are exact doubles, so one IEEE operation is
        // correctly rounded, as Python's float() is.
        if significant <= 15 && decimalExponent >= -22 && decimalExponent <= 22 {
            var value = Double(mantissa)
            if decimalExponent < 0 {
                value /= Self.powersOfTen[-decimalExponent]
            } else {
                value *= Self.powersOfTen[decimalExponent]
            }
            return negative ? -value : value
        }
        return slowNumber(from: start, to: offset)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 } // exact up to 1e22
        return value
    }

    /// `strtod` on a copy of the number's text (it is correctly rounded in glibc).
    private func slowNumber(from start: Int, to end: Int) -> Double {
        var text = [CChar](repeating: 0, count: end - start + 1)
        for i in start..<end { text[i - start] = CChar(bitPattern: bytes[i]) }
        return strtod(text, nil)
    }

    /// Reads a string with all JSON escapes, including UTF-16 surrogate pairs.
    mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character 0x\(String(byte, radix: 16)) inside a string") }
            offset += 1
        }
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character 0x\(String(byte, radix: 16)) inside a string") }
            if byte != UInt8(ascii: "\\") {
                utf8.append(byte)
                offset += 1
                continue
            }
            offset += 1
            guard offset < bytes.count else { break }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if (0xD800..<0xDC00).contains(scalar), offset + 1 < bytes.count,
                    bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
                {
                    let save = offset
                    offset += 2
                    let low = try readHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        offset = save
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                utf8.append(contentsOf: Array(String(Character(character)).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string", at: offset - 2)
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func readHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("expected 4 hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw error("expected 4 hex digits after \\u")
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }
}
