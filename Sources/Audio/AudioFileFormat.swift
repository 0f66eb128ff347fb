import CSndFile

/// The formats `AudioFile.write` produces.
public enum AudioFileFormat: String, Sendable, CaseIterable, Codable {
    /// WAV, 16-bit signed integer PCM (MUSDB18-HQ's encoding).
    case wav16
    /// WAV, 24-bit signed integer PCM.
    case wav24
    /// WAV, 32-bit IEEE float (no clipping, exact for `Float` samples).
    case wavFloat32
    /// FLAC, 16-bit.
    case flac16
    /// FLAC, 24-bit.
    case flac24

    /// The usual file name extension.
    public var fileExtension: String {
        switch self {
        case .wav16, .wav24, .wavFloat32: return "wav"
        case .flac16, .flac24: return "flac"
        }
    }

    /// True for integer encodings, where samples outside ±1 are clipped on write.
    public var isInteger: Bool { self != .wavFloat32 }

    /// The libsndfile `SF_FORMAT_*` code.
    var sndfileFormat: Int32 {
        switch self {
        case .wav16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .wav24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
        case .wavFloat32: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .flac24: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
        }
    }
}
