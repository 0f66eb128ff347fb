import Audio
import Foundation

extension Database {
    /// Writes separated estimates as `folder/<subset>/<track name>/<target>.wav`, the layout
    /// `museval` reads back (Python `DB.save_estimates`).
    ///
    /// Python pipes the estimates to ffmpeg as 32-bit float and ffmpeg writes 16-bit WAV
    /// (`lrintf(x·32768)`, clipped); rounding through `Float` first and writing 16-bit with
    /// libsndfile's clipping gives the same codes. Each file is written atomically.
    public static func saveEstimates(
        _ estimates: [String: AudioBuffer], for track: Track, to folder: URL,
        format: AudioFileFormat = .wav16
    ) throws {
        let trackFolder = folder.appendingPathComponent(track.subset.rawValue)
            .appendingPathComponent(track.name, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: trackFolder, withIntermediateDirectories: true)
        } catch {
            throw MUSDBError.writeFailed(trackFolder, reason: error.localizedDescription)
        }
        for (target, estimate) in estimates.sorted(by: { $0.key < $1.key }) {
            let url = trackFolder.appendingPathComponent(target + ".wav")
            let rounded = AudioBuffer(sampleRate: estimate.sampleRate, floatChannels: estimate.floatChannels)
            try AudioFile.write(rounded, to: url, format: format)
        }
    }
}
