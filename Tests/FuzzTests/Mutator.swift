import Foundation
import MUSDB
import SeededRandom

/// Derives fuzz inputs from valid seed inputs, deterministically: the input of iteration `i`
/// depends only on (seed, reader name, i), so any iteration can be replayed on its own.
struct Mutator {
    private var random: SplitMix64

    /// The generator for one iteration of one reader.
    init(seed: UInt64, reader: String, iteration: Int) {
        var key = seed ^ 0x6A09_E667_F3BC_C908
        for byte in reader.utf8 { key = (key ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mix = SplitMix64(seed: key ^ (UInt64(truncatingIfNeeded: iteration) &* 0x9E37_79B9_7F4A_7C15))
        random = SplitMix64(seed: mix.next())
    }

    /// Tokens that stress a JSON-ish reader: structure, odd numbers, keywords, escapes.
    static let tokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00\\ud800", "null", "true", "false",
        "NaN", "Infinity", "-Infinity", "-0", "1e999", "-1e999", "1e-999", "0.0000000000000000000000001",
        "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "1e", "1.", ".5",
        "\"name\":", "\"targets\":", "\"frames\":", "\"metrics\":", "{track}", "{target}", "{subset}", "{model}",
        "{", "*", "/", "//", "./", "=", ",,", " = ", "\u{0}", "\u{1F}", "é", "\u{FFFD}"
    ]

    mutating func next(below bound: Int) -> Int { bound <= 1 ? 0 : random.nextInt(in: 0...(bound - 1)) }

    /// One to four mutations of `seed`.
    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + next(below: 4)) { apply(&bytes) }
        return bytes
    }

    private mutating func apply(_ bytes: inout [UInt8]) {
        let position = next(below: bytes.count + 1)
        switch next(below: 10) {
        case 0 where !bytes.isEmpty: // flip a bit
            let i = next(below: bytes.count)
            bytes[i] ^= UInt8(1) << UInt8(next(below: 8))
        case 1: // truncate
            bytes.removeSubrange(position...)
        case 2: // insert a structural or numeric token
            bytes.insert(contentsOf: Array(Self.tokens[next(below: Self.tokens.count)].utf8), at: position)
        case 3 where !bytes.isEmpty: // delete a span
            let end = min(bytes.count, position + 1 + next(below: 16))
            if position < end { bytes.removeSubrange(position..<end) }
        case 4: // deep nesting
            let open: [UInt8] = next(below: 2) == 0 ? Array("[".utf8) : Array("{\"a\":".utf8)
            let depth = 1 + next(below: next(below: 10) == 0 ? 100_000 : 600)
            bytes.insert(contentsOf: Array([[UInt8]](repeating: open, count: depth).joined()), at: position)
        case 5: // a long string or a long run of digits
            let filler: UInt8 = next(below: 2) == 0 ? UInt8(ascii: "a") : UInt8(ascii: "9")
            bytes.insert(contentsOf: [UInt8](repeating: filler, count: 1 + next(below: 70_000)), at: position)
        case 6: // invalid UTF-8
            let invalid: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
            bytes.insert(contentsOf: invalid[next(below: invalid.count)], at: position)
        case 7 where bytes.count > 1: // duplicate a span (duplicate keys, repeated members)
            let start = next(below: bytes.count)
            let end = min(bytes.count, start + 1 + next(below: 64))
            bytes.insert(contentsOf: Array(bytes[start..<end]), at: position)
        case 8 where !bytes.isEmpty: // replace a byte with a random one
            bytes[next(below: bytes.count)] = UInt8(truncatingIfNeeded: random.next())
        default: // replace a number-looking byte with a special literal
            let literal = ["1e999", "-0", "NaN", "Infinity", "-Infinity", "1e-400", "4.9e-324"][next(below: 7)]
            bytes.insert(contentsOf: Array(literal.utf8), at: position)
        }
    }
}
