import Foundation

/// How a dataset's own stems become a track's sources: each output stem is the sum of the
/// dataset stems it lists, and one of them may take every stem no other one lists (`"*"`),
/// so nothing recorded is dropped from the mixture.
///
/// The JSON form (`Manifests/stem-mappings/*.json`) is
/// `{"name": …, "dataset": …, "stems": [{"name": "vocals", "from": ["vocals"]}, …]}`;
/// dataset stem names match with spaces and underscores treated alike and case ignored
/// (MoisesDB writes `bowed_strings` in folders and `bowed strings` in its taxonomy).
public struct StemMapping: Sendable, Equatable, Codable {
    /// One output stem and the dataset stems summed into it.
    public struct Stem: Sendable, Equatable, Codable {
        public var name: String
        /// Dataset stem names; `"*"` stands for every stem no other entry lists.
        public var from: [String]

        public init(name: String, from: [String]) {
            self.name = name
            self.from = from
        }
    }

    /// The mapping's name (`moisesdb-4stems`).
    public var name: String
    /// The dataset kind it was written for (informative; any dataset may use it).
    public var dataset: DatasetKind?
    /// The output stems, in the order a track lists them.
    public var stems: [Stem]

    public init(name: String, dataset: DatasetKind?, stems: [Stem]) {
        self.name = name
        self.dataset = dataset
        self.stems = stems
    }

    /// The wildcard that takes every stem no entry names.
    public static let rest = "*"

    /// The mapping's problems: an output stem named twice, an entry with nothing to sum,
    /// a dataset stem in two entries, or more than one wildcard. Empty when valid.
    public var problems: [String] {
        var problems = [String]()
        var outputs = Set<String>(), inputs = [String: String]()
        var wildcards = 0
        for stem in stems {
            if stem.name.isEmpty || stem.name.contains("/") || stem.name == "mixture" {
                problems.append("'\(stem.name)' cannot name a stem (empty, a path, or 'mixture')")
            }
            if !outputs.insert(stem.name).inserted { problems.append("stem '\(stem.name)' is listed twice") }
            if stem.from.isEmpty { problems.append("stem '\(stem.name)' sums nothing") }
            for input in stem.from {
                if input == Self.rest {
                    wildcards += 1
                    continue
                }
                let key = Self.key(input)
                if let other = inputs[key] {
                    problems.append("dataset stem '\(input)' goes to both '\(other)' and '\(stem.name)'")
                }
                inputs[key] = stem.name
            }
        }
        if wildcards > 1 { problems.append("'*' may appear once") }
        return problems
    }

    /// The dataset stems of `available` each output stem sums, in the mapping's order;
    /// output stems with nothing to sum in this track are left out.
    public func assign(_ available: [String]) -> [(name: String, from: [String])] {
        let named = Set(stems.flatMap { $0.from.filter { $0 != Self.rest }.map(Self.key) })
        return stems.compactMap { stem in
            let from = available.filter { input in
                stem.from.contains {
                    $0 == Self.rest ? !named.contains(Self.key(input)) : Self.key($0) == Self.key(input)
                }
            }
            return from.isEmpty ? nil : (stem.name, from)
        }
    }

    /// Dataset stem names compared with case ignored and spaces as underscores.
    static func key(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: "_")
    }

    /// Reads a mapping file.
    ///
    /// - Throws: `MUSDBError.invalidStemMapping` naming the file and what is wrong.
    public init(contentsOf url: URL) throws {
        self = try JSONFile.decode(StemMapping.self, from: url) { MUSDBError.invalidStemMapping(url, reason: $0) }
        if let problem = problems.first { throw MUSDBError.invalidStemMapping(url, reason: problem) }
    }

    /// A built-in profile by name, or a mapping file by path.
    ///
    /// - Throws: `MUSDBError.invalidStemMapping` for a file that is not a valid mapping, or
    ///   when `nameOrPath` is neither a profile nor a file.
    public static func named(_ nameOrPath: String) throws -> StemMapping {
        if let profile = profiles.first(where: { $0.name == nameOrPath }) { return profile }
        let url = URL(fileURLWithPath: nameOrPath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MUSDBError.invalidStemMapping(
                url,
                reason: "no such file, and not a built-in profile (\(profiles.map(\.name).joined(separator: ", ")))")
        }
        return try StemMapping(contentsOf: url)
    }
}
