/// Why BSS Eval refused its input.
public enum BSSEvalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which signal set a problem was found in.
    public enum Role: String, Sendable {
        case reference
        case estimate
    }

    /// No sources, no channels or no samples.
    case empty(Role)
    /// Sources of one set differ in channel count, or channels in length (`source` is the
    /// first that differs). Estimates may differ in length from source to source: each is
    /// padded or truncated to the reference length.
    case ragged(Role, source: Int)
    /// References and estimates differ in the number of sources or channels.
    case shapeMismatch(references: (sources: Int, channels: Int), estimates: (sources: Int, channels: Int))
    /// A source whose channel sum is zero at every sample: museval rejects the track,
    /// because the least-squares problem is then under-determined.
    case silentSource(Role, index: Int)
    /// Window, hop or filter length is not positive.
    case invalidOptions(String)

    public static func == (lhs: BSSEvalError, rhs: BSSEvalError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case .empty(let role):
            return "the \(role.rawValue) signals are empty: need at least one source, one channel and one sample"
        case .ragged(let role, let source):
            return "\(role.rawValue) source \(source) has a different channel count than \(role.rawValue) source 0, "
                + "or channels of different lengths"
                + (role == .reference ? ", or a different length than reference source 0" : "")
        case .shapeMismatch(let r, let e):
            return
                "references have \(r.sources) sources × \(r.channels) channels but estimates have \(e.sources) × \(e.channels)"
        case .silentSource(let role, let index):
            return
                "\(role.rawValue) source \(index) is silent over the whole track (all zeros, or channels cancelling): "
                + "BSS Eval is undefined for it (museval rejects the track)"
        case .invalidOptions(let what):
            return "invalid BSS Eval options: \(what)"
        }
    }
}
