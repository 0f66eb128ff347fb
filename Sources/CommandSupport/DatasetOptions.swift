import ArgumentParser
import Foundation
import MUSDB

/// The options of every command that reads a MUSDB18 dataset: where it is and which layout
/// it has. `--musdb` is another spelling of `--root` (Python museval's name for it).
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

    public init() {}

    /// The root from `--root`, else from `MUSDB_PATH` in `environment`.
    ///
    /// - Throws: `ValidationError` naming both ways to give it when neither is set.
    public func rootURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let root { return URL(fileURLWithPath: root) }
        if let path = environment["MUSDB_PATH"], !path.isEmpty { return URL(fileURLWithPath: path) }
        throw ValidationError(
            "no dataset root: pass --root ROOT (or --musdb ROOT), or set the MUSDB_PATH environment variable")
    }

    public func validate() throws {
        _ = try rootURL()
    }
}
