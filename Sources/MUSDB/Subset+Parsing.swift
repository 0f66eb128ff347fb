import Foundation

extension Subset {
    /// The subsets of a comma-separated list as the commands take it ("train,test"),
    /// ignoring case and spaces.
    public static func list(parsing text: String) throws -> [Subset] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let subset = Subset(rawValue: name) else { throw MUSDBError.unknownSubset(String(part)) }
            return subset
        }
    }
}

extension Split {
    /// The split named `text` (train or valid, any case).
    public init(parsing text: String) throws {
        guard let split = Split(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw MUSDBError.unknownSplit(text)
        }
        self = split
    }
}
