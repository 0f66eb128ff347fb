import Audio
import Foundation
import MUSDB
import Oracle

/// A track's mixture and sources as the oracles take them.
public struct OracleInput {
    public let mixture: [[Double]]
    public let sources: [Stem]
    public let sampleRate: Int

    /// Decodes the mixture and the four sources, each validated by `Track` (readable,
    /// finite, the mixture's rate, channel count and length). Stems of a `.stem.mp4` that
    /// decode to slightly different lengths are cut to the shortest (and `notes` says so),
    /// as the oracles need aligned signals.
    ///
    /// - Throws: `OracleBatchError.invalidReference` naming the stem and the fault.
    public init(track: Track, notes: inout [String]) throws {
        let mixture: AudioBuffer
        let sources: [Source: AudioBuffer]
        do {
            mixture = try track.audio()
            sources = try track.loadSources(OracleBatch.sources)
        } catch let error as MUSDBError {
            throw OracleBatchError.invalidReference(error)
        }
        let count = ([mixture.frameCount] + sources.values.map(\.frameCount)).min() ?? 0
        if mixture.frameCount != count || sources.values.contains(where: { $0.frameCount != count }) {
            notes.append("warning: mixture and sources differ in length; all cut to \(count) frames")
        }
        // Cut only what is longer: a copy of every signal would double the peak memory.
        func aligned(_ buffer: AudioBuffer) -> [[Double]] {
            buffer.frameCount == count ? buffer.channels : buffer.frames(0..<count).channels
        }
        self.mixture = aligned(mixture)
        var stems = [Stem]()
        for source in OracleBatch.sources {
            guard let buffer = sources[source] else {
                throw OracleBatchError.invalidReference(
                    .missingSource(track: track.name, source: source.rawValue, url: track.path))
            }
            stems.append(Stem(name: source.rawValue, channels: aligned(buffer)))
        }
        self.sources = stems
        self.sampleRate = mixture.sampleRate
    }
}
