import Foundation

/// Maps the names separators give their outputs (`Vocals`, `no_vocals`, `Instrumental`,
/// `drum`, …) to museval's target names (`vocals`, `accompaniment`, `drums`, …).
///
/// Matching ignores case, and treats spaces and hyphens as underscores, so `No Vocals`,
/// `no-vocals` and `NO_VOCALS` are one name. A museval target name always maps to itself.
public struct TargetAliases: Sendable, Equatable {
    /// Normalised alias → museval target name.
    public private(set) var table: [String: String]

    /// The aliases popular separators need: Demucs (`no_vocals`), Spleeter and Open-Unmix
    /// (`accompaniment`), UVR (`Vocals`, `Instrumental`), and common singular/plural forms.
    public static let standard = TargetAliases(table: [
        "vocals": "vocals", "vocal": "vocals", "voice": "vocals", "voices": "vocals", "vox": "vocals",
        "accompaniment": "accompaniment", "instrumental": "accompaniment", "instrumentals": "accompaniment",
        "inst": "accompaniment", "no_vocals": "accompaniment", "novocals": "accompaniment",
        "no_vocal": "accompaniment", "novocal": "accompaniment", "karaoke": "accompaniment",
        "accomp": "accompaniment",
        "drums": "drums", "drum": "drums",
        "bass": "bass",
        "other": "other", "others": "other", "rest": "other",
        "linear_mixture": "linear_mixture"
    ])

    init(table: [String: String]) { self.table = table }

    /// The standard aliases plus `extra` (alias → target; an extra alias overrides a standard one).
    public init(adding extra: [String: String] = [:]) {
        self = .standard
        for (alias, target) in extra { add(alias: alias, for: target) }
    }

    /// Parses a `--target-map` value, `alias=target,alias=target`, on top of the standard aliases.
    public init(parsing map: String) throws {
        self = .standard
        for entry in map.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = entry.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw EvaluationError.invalidTargetMap(
                    String(entry),
                    reason: "expected alias=target, e.g. lead=vocals")
            }
            add(alias: parts[0], for: parts[1])
        }
    }

    /// Adds `alias` as another name of `target` (itself resolved through the table first, so
    /// `lead=vocal` works too).
    public mutating func add(alias: String, for target: String) {
        let resolved = self.target(for: target) ?? Self.normalised(target)
        table[Self.normalised(alias)] = resolved
    }

    /// These aliases with each of `targets` (a mapped dataset's `guitar`, `piano`) known as
    /// itself, unless an alias already claims the name.
    public func knowing(targets: [String]) -> TargetAliases {
        var aliases = self
        for target in targets where aliases.target(for: target) == nil {
            aliases.table[Self.normalised(target)] = target
        }
        return aliases
    }

    /// The entries added to the standard table, `alias=target` sorted and comma-joined
    /// (empty for the standard table): a canonical `--target-map`, recorded with the scores.
    public var addedEntries: String {
        table.filter { Self.standard.table[$0.key] != $0.value }
            .map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")
    }

    /// The museval target that `name` stands for, or nil for a name nobody mapped (e.g.
    /// Demucs 6-stem `piano`, or a `mixture` copy next to the estimates).
    public func target(for name: String) -> String? {
        table[Self.normalised(name)]
    }

    /// Lower case, surrounding blanks trimmed, spaces and hyphens as underscores.
    static func normalised(_ name: String) -> String {
        String(name.trimmingCharacters(in: .whitespaces).lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
