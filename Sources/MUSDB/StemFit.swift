/// How a track's stem files are fitted to the track on load.
public enum StemFit: String, Sendable, Codable {
    /// MUSDB18's contract: every stem has the mixture's rate, channel count and length
    /// (exactly for WAVs, within a few AAC packets for the streams of a `.stem.mp4`);
    /// anything else is a fault of the file.
    case exact
    /// Datasets whose stems are recorded parts of different lengths, rates and channel
    /// counts (MoisesDB): the parts of a stem are summed over the shortest part (as the
    /// `moisesdb` package's `trim_and_mix` does), a mono part is copied to every channel,
    /// a part at another rate is resampled (libsamplerate), and a stem shorter than the
    /// track is padded with silence to the track's length (its `pad_and_mix`).
    case conformed
}
