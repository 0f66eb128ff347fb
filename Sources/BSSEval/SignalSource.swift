/// Sources × channels of samples that the kernel reads a block at a time, so a track never
/// has to be held whole in memory (`BSSEval.evaluate(references:estimates:options:)`).
///
/// The kernel reads every sample at least once in order of position, and again for what
/// must be revisited (frames the lag scorer refuses, an ill-conditioned Gram matrix, a
/// pure-gain SI-SDR residual), so `read` must give the same samples for the same range
/// every time. It may be called concurrently for *different* sources, never for the same
/// source from two threads at once.
public protocol SignalSource {
    /// The number of sources (targets).
    var sourceCount: Int { get }
    /// Channels per source.
    var channelCount: Int { get }
    /// Samples per channel. For estimates this may differ from the references' length:
    /// the kernel reads zeros past it and never reads past the references' length
    /// (museval's `pad_or_truncate`).
    var length: Int { get }

    /// Writes samples `range` of each channel `c` of `source` to `channels[c]`
    /// (`range.count` values each; zeros at positions ≥ `length`). `range` starts at 0 or
    /// above. Throws when the samples cannot be had; the error reaches the caller of
    /// `BSSEval.evaluate` unchanged, so it can name the file.
    func read(source: Int, range: Range<Int>, into channels: [UnsafeMutablePointer<Double>]) throws

    /// How many bytes of these samples the caller already holds in memory (0 for samples
    /// read from files). The kernel lets its frame lags grow to half of it before it spills
    /// them to a file (`BSSEvalOptions.lagMemoryLimit`).
    var residentByteCount: Int { get }
}

extension SignalSource {
    public var residentByteCount: Int { 0 }
}
