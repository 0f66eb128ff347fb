import ArgumentParser
import Foundation
import MUSDB

/// The options of every command that reads a dataset: where it is, which layout it has, how
/// its stems map onto the track's sources, and how a dataset without a split of its own is
/// split. `--musdb` is another spelling of `--root` (Python museval's name for it).
public struct DatasetOptions: ParsableArguments {
    @Option(
        name: [.customLong("root"), .customLong("musdb")],
        help: ArgumentHelp(
            "The dataset root: the folder holding train/ and test/, or the dataset's zip, read in place "
                + "(default: the MUSDB_PATH environment variable).",
            valueName: "root"))
    public var root: String?

    @Flag(
        name: .customLong("is-wav"),
        help: "The dataset is MUSDB18-HQ (a folder of WAVs per track), not MUSDB18 (.stem.mp4 files).")
    public var isWav = false

    @Option(
        name: .customLong("dataset"),
        help: ArgumentHelp(
            "The dataset layout: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")) (default: musdb18, or musdb18hq with --is-wav). See the README for each layout.",
            valueName: "kind"))
    public var kind: DatasetKind?

    @Option(
        name: .customLong("stem-mapping"),
        help: ArgumentHelp(
            "Map the dataset's stems onto sources: a built-in profile (\(StemMapping.profiles.map(\.name).joined(separator: ", "))) or a mapping JSON file (default for moisesdb: moisesdb-4stems; others: the dataset's own stems).",
            valueName: "name|file"))
    public var stemMapping: String?

    @Option(
        name: .customLong("split-file"),
        help: ArgumentHelp(
            "For datasets without an official split (moisesdb, folder) or valid set (dsd100): a split file written by `musdb split` (default: the seeded split, seed 2024, 20 % test, 10 % valid).",
            valueName: "file"))
    public var splitFile: String?

    public init() {}

    /// The layout: `--dataset`, else MUSDB18-HQ with `--is-wav`, else MUSDB18.
    public var datasetKind: DatasetKind { kind ?? (isWav ? .musdb18hq : .musdb18) }

    /// The root from `--root`, else from `MUSDB_PATH` in `environment`.
    ///
    /// - Throws: `ValidationError` naming both ways to give it when neither is set.
    public func rootURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let root { return URL(fileURLWithPath: root) }
        if let path = environment["MUSDB_PATH"], !path.isEmpty { return URL(fileURLWithPath: path) }
        throw ValidationError(
            "no dataset root: pass --root ROOT (or --musdb ROOT), or set the MUSDB_PATH environment variable")
    }

    /// The stem mapping asked for, if any.
    public func mapping() throws -> StemMapping? {
        try stemMapping.map { try StemMapping.named($0) }
    }

    /// The split for datasets without one: the `--split-file`, else the standard seeded one.
    public func splitting() throws -> SeededSplit {
        try splitFile.map { try SeededSplit(contentsOf: URL(fileURLWithPath: $0)) } ?? .standard
    }

    /// The dataset these options name, indexed.
    public func database(subsets: [Subset] = [.train, .test], split: Split? = nil, sampleRate: Int? = nil) throws
        -> Database
    {
        try Database(
            kind: datasetKind, root: rootURL(), subsets: subsets, split: split, sampleRate: sampleRate,
            mapping: mapping(), splitting: splitting())
    }

    public func validate() throws {
        _ = try rootURL()
        if isWav, let kind, kind != .musdb18hq {
            throw ValidationError(
                "--is-wav means --dataset musdb18hq; it cannot be used with --dataset \(kind.rawValue)")
        }
        if stemMapping != nil, datasetKind == .musdb18 || datasetKind == .musdb18hq {
            throw ValidationError(
                "--stem-mapping applies to --dataset dsd100, moisesdb and folder (MUSDB18's stems are fixed)")
        }
    }
}

extension DatasetKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
