/// A parsed JSON value, as the lenient reader sees it. Objects keep their member order
/// (museval's files are ordered, and the order is part of its byte-exact output).
indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number; also the bare tokens `NaN`, `Infinity`, `-Infinity` Python's json writes.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    struct Member: Hashable, Sendable {
        var key: String
        var value: JSONValue
    }

    /// The first member named `key` when this is an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Parses one JSON text; NaN, Infinity and -Infinity are accepted as numbers.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try LenientJSONReader.read(bytes) { reader in
            let value = try reader.readValue()
            try reader.expectEnd()
            return value
        }
    }

    /// Parses one JSON text given as a string.
    static func parse(_ text: String) throws -> JSONValue { try parse(Array(text.utf8)) }

    /// NaN-aware equality for `.number`, so parsed NaN equals NaN.
    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let x): hasher.combine(x.isNaN ? Double.nan.bitPattern : x.bitPattern)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let m): hasher.combine(m)
        }
    }
}
