import Audio
import Foundation

extension Track {
    /// The frames of the current chunk at the file's rate, rounded as ffmpeg's output
    /// `-ss`/`-t` (atrim) rounds the microsecond timestamps stempeg passes it:
    /// `round(µs × rate / 10⁶)`, half away from zero. (An edge ffmpeg handles differently:
    /// a duration that rounds to 0 frames makes ffmpeg ignore `-t`; here it gives 0 frames.)
    public var chunkFrames: Range<Int> { chunkFrames(frameCount: frameCount) }

    /// The chunk's frames in a file of `frameCount` frames at `rate`.
    public func chunkFrames(frameCount: Int) -> Range<Int> {
        let start = min(Self.frames(chunkStart, rate: rate), frameCount)
        let end = chunkDuration.map { min(frameCount, start + Self.frames($0, rate: rate)) } ?? frameCount
        return start..<max(start, end)
    }

    static func frames(_ seconds: Double, rate: Int) -> Int {
        let micros = Int64((max(0, seconds) * 1_000_000).rounded(.toNearestOrEven))
        return Int((micros * Int64(rate) + 500_000) / 1_000_000)
    }

    /// The mixture (the artistic mix, not the sum of the stems).
    public func audio() throws -> AudioBuffer {
        if isWav { return try readWAV(path) }
        return try readStream(StemFile.Stream.mixture.rawValue)
    }

    /// One source.
    public func audio(of source: Source) throws -> AudioBuffer {
        guard let url = sourceURLs[source] else {
            throw MUSDBError.missingSource(track: name, source: source.rawValue,
                                           url: path.deletingLastPathComponent().appendingPathComponent(source.fileName))
        }
        if isWav { return try readWAV(url) }
        return try readStream(source.streamIndex)
    }

    /// One target: the gain-weighted sum of its sources.
    public func audio(ofTarget target: Target) throws -> AudioBuffer {
        try load([target])[target.name]!
    }

    /// Several targets, decoding every source they need once.
    public func load(_ targets: [Target]) throws -> [String: AudioBuffer] {
        let needed = Source.allCases.filter { source in targets.contains { $0.components.contains { $0.source == source } } }
        let sources = try loadSources(needed)
        var result = [String: AudioBuffer]()
        for target in targets {
            guard let first = target.components.first else { continue }
            var sum = sources[first.source]!
            if first.gain != 1 { sum = sum.scaled(by: first.gain) }
            for component in target.components.dropFirst() {
                sum = sum.adding(sources[component.source]!, gain: component.gain)
            }
            result[target.name] = sum
        }
        return result
    }

    /// The given sources, each decoded once.
    public func loadSources(_ sources: [Source] = Source.allCases) throws -> [Source: AudioBuffer] {
        let unique = sources.reduce(into: [Source]()) { if !$0.contains($1) { $0.append($1) } }
        var result = [Source: AudioBuffer]()
        if isWav || unique.count < 2 {
            for source in unique { result[source] = try audio(of: source) }
        } else {
            // Each stream is a separate ffmpeg process: run them side by side.
            let outcomes = DecodeOutcomes(count: unique.count)
            DispatchQueue.concurrentPerform(iterations: unique.count) { index in
                outcomes.set(index, Result { try audio(of: unique[index]) })
            }
            for (index, source) in unique.enumerated() { result[source] = try outcomes.get(index) }
        }
        // Stems of one file can decode to lengths a few frames apart; keep the common part,
        // as stempeg does when it reads all streams.
        let shortest = result.values.map(\.frameCount).min() ?? 0
        for (source, buffer) in result where buffer.frameCount > shortest {
            result[source] = buffer.frames(0..<shortest)
        }
        return result
    }

    /// Mixture then drums, bass, other, vocals (Python `track.stems` order).
    public func stems() throws -> [AudioBuffer] {
        let sources = try loadSources(Source.streamOrder)
        return try [audio()] + Source.streamOrder.map { sources[$0]! }
    }

    private func readWAV(_ url: URL) throws -> AudioBuffer {
        // Clamp to this file's own length: a short stem reads short, as with ffmpeg.
        let fileFrames = try AudioFile.info(of: url).frameCount
        let buffer = try AudioFile.read(url, frames: chunkFrames(frameCount: fileFrames))
        guard let sampleRate, sampleRate != buffer.sampleRate else { return buffer }
        return try buffer.resampled(to: sampleRate)
    }

    private func readStream(_ index: Int) throws -> AudioBuffer {
        try StemFile(url: path).read(stream: index, start: chunkStart, duration: chunkDuration,
                                     sampleRate: sampleRate, info: stemInfo)
    }
}

/// Results written by concurrent decodes, one slot each (a lock guards the array).
private final class DecodeOutcomes: @unchecked Sendable {
    private var slots: [Result<AudioBuffer, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: Result<AudioBuffer, Error>) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    func get(_ index: Int) throws -> AudioBuffer {
        lock.lock()
        defer { lock.unlock() }
        return try slots[index]!.get()
    }
}
