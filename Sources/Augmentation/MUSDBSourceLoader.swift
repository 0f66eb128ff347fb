import Audio
import Foundation
import MUSDB

/// Reads excerpts of MUSDB18 tracks for the renderer: a frame range of one source WAV
/// (MUSDB18-HQ, read directly with libsndfile, no decoding of the rest), or of one stream
/// of a `.stem.mp4` (decoded by ffmpeg through the MUSDB module's chunk loading).
public struct MUSDBSourceLoader: ExampleSourceLoader {
    public let tracks: [String: Track]
    /// The tracks in the database's order (Python musdb's).
    public let orderedTracks: [Track]

    public init(database: Database) {
        orderedTracks = database.tracks
        tracks = Dictionary(database.tracks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The planner's view of the tracks, in the database's order.
    public var descriptions: [TrackDescription] {
        orderedTracks.map {
            TrackDescription(name: $0.name, frameCount: $0.frameCount, sampleRate: $0.rate)
        }
    }

    public func load(source: String, track name: String, frames: Range<Int>) throws -> [[Double]] {
        guard let track = tracks[name] else { throw AugmentationError.emptyDataset("no track named \(name)") }
        guard let kind = Source(rawValue: source) else {
            throw AugmentationError.invalidParameter("unknown source \(source) (use vocals, drums, bass, other)")
        }
        let available = frames.clamped(to: 0..<track.frameCount)
        var buffer: AudioBuffer
        if track.isWav {
            guard let url = track.sourceURLs[kind] else {
                throw MUSDBError.missingSource(track: name, source: source,
                                               url: track.path.deletingLastPathComponent().appendingPathComponent(kind.fileName))
            }
            buffer = try AudioFile.read(url, frames: available)
        } else {
            var chunk = track
            chunk.sampleRate = nil
            chunk.chunkStart = Double(available.lowerBound) / Double(track.rate)
            chunk.chunkDuration = Double(available.count) / Double(track.rate)
            buffer = try chunk.audio(of: kind)
        }
        // Zero-pad to the requested length (past the end of the track, or a frame of
        // rounding in the decoder's chunking).
        if available == frames, buffer.frameCount == frames.count { return buffer.channels }
        return buffer.channels.map { channel in
            var out = [Double](repeating: 0, count: frames.count)
            let start = available.lowerBound - frames.lowerBound
            let count = min(channel.count, frames.count - start)
            if count > 0 { out.replaceSubrange(start..<(start + count), with: channel[0..<count]) }
            return out
        }
    }
}
