import Audio
import Foundation
import MUSDB

/// Reads excerpts of MUSDB18 tracks for the renderer through `Track.audio(of:frames:)`: a
/// frame range of one source WAV (MUSDB18-HQ, no decoding of the rest), or of one stream
/// of a `.stem.mp4` (decoded by ffmpeg). Every excerpt is validated as `Track` validates a
/// stem, so a stem at another rate or holding NaN fails its example with the file named.
public struct MUSDBSourceLoader: ExampleSourceLoader {
    public let tracks: [String: Track]
    /// The tracks in the database's order (Python musdb's).
    public let orderedTracks: [Track]

    public init(database: Database) {
        self.init(tracks: database.tracks)
    }

    /// A loader for `tracks` alone (e.g. a database's tracks whose headers passed
    /// `Track.validateHeaders`), in this order.
    public init(tracks: [Track]) {
        orderedTracks = tracks
        self.tracks = Dictionary(tracks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The sources called `names`, in order, checked against the sources the dataset has
    /// (MUSDB18's four by default; a mapped dataset's own, e.g. `guitar` and `piano`).
    ///
    /// - Throws: `AugmentationError.invalidParameter` naming the first unknown name.
    public static func sources(named names: [String], among available: [Source] = Source.allCases) throws -> [Source] {
        try names.map { name in
            let source = Source(name)
            guard available.contains(source) else {
                throw AugmentationError.invalidParameter(
                    "unknown source '\(name)': use \(available.map(\.rawValue).joined(separator: ", "))")
            }
            return source
        }
    }

    /// Every source any track of `database` has, in the first track's order.
    public static func sources(of database: Database) -> [Source] {
        database.tracks.flatMap(\.sources).reduce(into: [Source]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The tracks of `database` an augmented set can draw `sources` from: those whose
    /// headers pass `Track.validateHeaders` (present, readable, the mixture's rate, channel
    /// count and length). `leftOut` has one message per entry that could not be indexed
    /// and per track that failed, in that order.
    ///
    /// - Throws: `AudioError.ffmpegMissing` (without ffprobe no stem file can be checked:
    ///   that is the machine's fault, not the tracks').
    public static func usableTracks(of database: Database, sources: [Source]) throws
        -> (tracks: [Track], leftOut: [String])
    {
        var leftOut = database.problems.map { "\($0); left out of the augmented set" }
        let tracks = try database.tracks.filter { track in
            do {
                try track.validateHeaders(sources)
                return true
            } catch {
                if case AudioError.ffmpegMissing? = error as? AudioError { throw error }
                leftOut.append("\(error); track left out of the augmented set")
                return false
            }
        }
        return (tracks, leftOut)
    }

    /// The planner's view of the tracks, in the database's order.
    public var descriptions: [TrackDescription] {
        orderedTracks.map {
            TrackDescription(name: $0.name, frameCount: $0.frameCount, sampleRate: $0.rate)
        }
    }

    public func load(source: String, track name: String, frames: Range<Int>) throws -> [[Double]] {
        guard let track = tracks[name] else { throw AugmentationError.emptyDataset("no track named \(name)") }
        let kind = Source(source)
        let available = frames.clamped(to: 0..<track.frameCount)
        // The track's own loading: header checked against the mixture, NaN and infinities
        // refused, each fault an `MUSDBError.invalidStem` naming the file.
        let buffer = try track.audio(of: kind, frames: available)
        // Zero-pad to the requested length (past the end of the track, or a frame of
        // rounding in the decoder's chunking).
        if available == frames, buffer.frameCount == frames.count { return buffer.channels }
        return buffer.channels.map { channel in
            var out = [Double](repeating: 0, count: frames.count)
            let start = max(0, available.lowerBound - frames.lowerBound)
            let count = min(channel.count, frames.count - start)
            if count > 0 { out.replaceSubrange(start..<(start + count), with: channel[0..<count]) }
            return out
        }
    }
}
