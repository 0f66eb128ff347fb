extension Recipe.Format {
    /// Whether a set written in this encoding reads back as MUSDB18-HQ, with
    /// `musdb list --is-wav` and Python musdb's `DB(is_wav=True)`: true for the WAV encodings.
    /// Both readers look for `mixture.wav`, `vocals.wav`, …, so a FLAC set is not a dataset
    /// to either of them.
    public var readsAsMUSDB18HQ: Bool { self != .flac }

    /// Throws `AugmentationError.flacNotAllowed` for FLAC unless `allowingFLAC` (the
    /// `--allow-flac` flag) says the user wants files no MUSDB18-HQ reader reads.
    public func requireReadable(allowingFLAC: Bool) throws {
        if !readsAsMUSDB18HQ, !allowingFLAC { throw AugmentationError.flacNotAllowed }
    }

    /// The warning printed when FLAC is written anyway.
    public static let flacWarning =
        "warning: the set is FLAC: `musdb list --is-wav` and Python musdb (which reads only WAV stems) will not read it"

    /// The help of `--allow-flac`, the same in every command that writes audio sets.
    public static let allowFLACHelp =
        "Allow --format flac, which neither `musdb list --is-wav` nor Python musdb reads (they expect .wav stems)."
}
