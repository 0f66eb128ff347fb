/// A JSON document to write, with members in the order given. Strict JSON: non-finite
/// numbers are written as `null`, since the leaderboard (and the report's numbers) are meant
/// for any JSON reader.
public enum OrderedJSON: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    /// `x`, or null when it is NaN or infinite.
    public static func finite(_ x: Double?) -> OrderedJSON {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    /// The document with indent 2 and a final newline.
    public func text() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += value.isFinite ? PythonFloatFormat.repr(value) : "null"
        case .string(let value): out += TrackScores.quoted(value)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            // Short arrays of scalars stay on one line.
            if elements.count <= 8, elements.allSatisfy(\.isScalar) {
                out += "["
                for (i, element) in elements.enumerated() {
                    if i > 0 { out += ", " }
                    element.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "["
            for (i, element) in elements.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + String(repeating: " ", count: indent + 2)
                element.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, member) in members.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + String(repeating: " ", count: indent + 2)
                out += TrackScores.quoted(member.0) + ": "
                member.1.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
