import ArgumentParser
import MUSDB

/// `--split train|valid`, any case.
extension Split: ExpressibleByArgument {
    public init?(argument: String) {
        guard let split = try? Split(parsing: argument) else { return nil }
        self = split
    }
}
