import Audio
import Foundation

/// Writes float WAVs that hold NaN or infinite samples, the broken files the readers must
/// refuse. `AudioFile.write` itself refuses such samples, so each one is written as a marker
/// value by libsndfile (the header stays libsndfile's own) and the marker's bytes in the
/// data chunk are then overwritten with the non-finite value's bit pattern.
public enum NonFiniteWAV {
    /// Writes `audio` as 32-bit float WAV at `url`, NaN and ±infinity included.
    public static func write(_ audio: AudioBuffer, to url: URL) throws {
        let markers: [(marker: Float, value: Float)] = [
            (0.123_456_79, .nan), (0.234_567_89, .infinity),
            (-0.234_567_89, -.infinity)
        ]
        var channels = audio.channels
        for c in channels.indices {
            for f in channels[c].indices where !channels[c][f].isFinite {
                let sample = channels[c][f]
                channels[c][f] = Double(
                    sample.isNaN ? markers[0].marker : sample > 0 ? markers[1].marker : markers[2].marker)
            }
        }
        try AudioFile.write(AudioBuffer(sampleRate: audio.sampleRate, channels: channels), to: url, format: .wavFloat32)
        var bytes = [UInt8](try Data(contentsOf: url))
        guard let data = dataChunkStart(bytes) else { return }
        for (marker, value) in markers {
            let pattern = withUnsafeBytes(of: marker.bitPattern.littleEndian, Array.init)
            let replacement = withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
            var index = data
            while index + 4 <= bytes.count {
                if bytes[index..<(index + 4)].elementsEqual(pattern) {
                    bytes.replaceSubrange(index..<(index + 4), with: replacement)
                }
                index += 4
            }
        }
        try Data(bytes).write(to: url)
    }

    /// The offset of the first sample: after the `data` chunk's id and size.
    static func dataChunkStart(_ bytes: [UInt8]) -> Int? {
        let id = Array("data".utf8)
        var index = 12
        while index + 8 <= bytes.count {
            let size =
                Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]) << 16 | Int(bytes[index + 7])
                << 24
            if bytes[index..<(index + 4)].elementsEqual(id) { return index + 8 }
            index += 8 + size + (size & 1)
        }
        return nil
    }
}
