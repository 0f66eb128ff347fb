/// Where and why a JSON text could not be read: byte offset, 1-based line and column.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset of the offending character (0-based).
    public var offset: Int
    /// 1-based line of `offset`.
    public var line: Int
    /// 1-based column (in bytes) of `offset`.
    public var column: Int
    /// What was expected or found, e.g. "expected ',' or '}' after an object member".
    public var reason: String

    public init(offset: Int, line: Int, column: Int, reason: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(line), column \(column) (byte \(offset)): \(reason)" }
}
