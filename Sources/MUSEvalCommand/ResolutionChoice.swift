import Foundation
import MUSDB
import Oracle

/// Placeholder until the BSS Eval kernel lands: the multi-resolution oracle cannot pick its
/// best resolution without scores.
struct ResolutionChoice {
    let bestIndex: Int
    let summary: String

    init(track: Track, input: OracleInput, resolutions: [MultiResolutionIRM.Resolution]) throws {
        throw OracleCommandError("choosing the best resolution needs the BSS Eval kernel, not yet in this build")
    }

    func write(to url: URL) throws {}
}
