/// Why `museval oracle` stops or skips a track, in words a user can act on.
struct OracleCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
