import Foundation
import MUSDB

/// Guards the promise never to write inside a dataset.
public enum OutputLocation {
    /// Throws `EvaluationError.outputInsideDataset` when `output` is `datasetRoot` or inside
    /// it (`URL.lies(within:)`: links resolved, even through parts not created yet).
    public static func validate(_ output: URL, datasetRoot: URL) throws {
        if output.lies(within: datasetRoot) {
            throw EvaluationError.outputInsideDataset(output: output, root: datasetRoot)
        }
    }
}
