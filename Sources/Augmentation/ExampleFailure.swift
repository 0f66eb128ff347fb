/// An example `AugmentedSetWriter.write` could not write (a source that fails validation,
/// an unwritable file), with the reason; nothing of it is left in the set.
public struct ExampleFailure: Sendable, Equatable, CustomStringConvertible {
    /// The example's index.
    public var index: Int
    /// The error's message (it names the track and file at fault).
    public var message: String

    public init(index: Int, message: String) {
        self.index = index
        self.message = message
    }

    /// `Augmented - NNNNNN: <message>`.
    public var description: String { "\(ExamplePlan.id(index: index)): \(message)" }
}
