/// Whose file a track failure is about, so a message never blames the separator for the
/// dataset: the reference (a dataset stem or a `dir` reference file), the estimate (the
/// separator's file), the output (the score file or folder being written), or none of
/// them (the kernel itself).
public enum FaultSide: String, Sendable, Equatable {
    case reference, estimate, output, none
}
