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
    ///
    /// - Throws: `MUSDBError.invalidStem` when the file cannot be decoded or holds NaN or
    ///   infinite samples.
    public func audio() throws -> AudioBuffer {
        if mixtureIsSum { return try sumOfSources() }
        if isWav { return try readWAV(path, stem: "mixture") }
        return try readStream(StemFile.Stream.mixture.rawValue, stem: "mixture")
    }

    /// The mixture of a dataset that stores none: the sum of every source, in order.
    private func sumOfSources() throws -> AudioBuffer {
        let order = sources
        let loaded = try loadSources(order)
        guard let first = order.first, var sum = loaded[first] else {
            throw MUSDBError.missingMixture(track: name, url: path)
        }
        for source in order.dropFirst() {
            if let buffer = loaded[source] { sum = sum.adding(buffer) }
        }
        return sum
    }

    /// One source.
    ///
    /// The stem is checked against the track before it is returned (see `validate`), so
    /// sums of stems never meet a shape they cannot add.
    public func audio(of source: Source) throws -> AudioBuffer {
        let files = try sourceFileList(source)
        if stemFit == .conformed { return try readConformed(files, stem: source.rawValue) }
        if isWav { return try Self.sum(files.map { try readWAV($0, stem: source.rawValue) }) }
        return try readStream(streamIndex(of: source), stem: source.rawValue)
    }

    /// One target: the gain-weighted sum of its sources.
    public func audio(ofTarget target: Target) throws -> AudioBuffer {
        guard let audio = try load([target])[target.name] else { throw MUSDBError.unknownTarget(target.name) }
        return audio
    }

    /// Several targets, decoding every source they need once.
    ///
    /// Every source is validated where it is decoded, so the sums below add buffers of one
    /// rate, channel count and length.
    public func load(_ targets: [Target]) throws -> [String: AudioBuffer] {
        let needed = targets.flatMap { $0.components.map(\.source) }
        let sources = try loadSources(needed)
        var result = [String: AudioBuffer]()
        for target in targets {
            guard let first = target.components.first, var sum = sources[first.source] else { continue }
            if first.gain != 1 { sum = sum.scaled(by: first.gain) }
            for component in target.components.dropFirst() {
                guard let source = sources[component.source] else { continue }
                sum = sum.adding(source, gain: component.gain)
            }
            result[target.name] = sum
        }
        return result
    }

    /// The given sources, each decoded once and validated against the track.
    public func loadSources(_ sources: [Source]? = nil) throws -> [Source: AudioBuffer] {
        let unique = (sources ?? sourceOrder).reduce(into: [Source]()) { if !$0.contains($1) { $0.append($1) } }
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
        // Streams of one stem file can decode to lengths a few frames apart; keep the common
        // part, as stempeg does when it reads all streams. (WAV stems have the mixture's
        // length exactly: `validate` checked it.)
        let shortest = result.values.map(\.frameCount).min() ?? 0
        for (source, buffer) in result where buffer.frameCount > shortest {
            result[source] = buffer.frames(0..<shortest)
        }
        return result
    }

    /// Mixture then drums, bass, other, vocals (Python `track.stems` order); for datasets
    /// beyond MUSDB18, the mixture then the sources in the dataset's order.
    public func stems() throws -> [AudioBuffer] {
        let order = stemOrder
        let sources = try loadSources(order)
        return try [audio()] + order.compactMap { sources[$0] }
    }

    /// The order of `stems()` after the mixture.
    public var stemOrder: [Source] {
        sourceOrder == Source.allCases ? Source.streamOrder : sources
    }

    /// Streams of one `.stem.mp4` whose `duration_ts` differ by at most this many frames are
    /// one track: AAC encoders pad each stream to whole 1024-frame packets plus a priming
    /// delay, so healthy MUSDB18 streams differ by a packet or two.
    static let stemLengthTolerance = 4096

    /// Checks a stem's header against the track's mixture: rate, channel count and length
    /// (exact for WAV; within `stemLengthTolerance` for the streams of a stem file).
    func validate(
        stem: String, url: URL, sampleRate fileRate: Int, channelCount fileChannels: Int,
        frameCount fileFrames: Int, exactLength: Bool
    ) throws {
        func fault(_ fault: StemFault) -> MUSDBError {
            .invalidStem(track: name, stem: stem, url: url, fault: fault)
        }
        if fileRate != rate { throw fault(.sampleRate(found: fileRate, expected: rate)) }
        if fileChannels != channelCount { throw fault(.channelCount(found: fileChannels, expected: channelCount)) }
        let difference = abs(fileFrames - frameCount)
        if exactLength ? difference != 0 : difference > Self.stemLengthTolerance {
            throw fault(.length(found: fileFrames, expected: frameCount))
        }
    }

    /// Throws `invalidStem(.nonFinite)` when `buffer` holds NaN or infinite samples. Checked
    /// before resampling, which would smear one bad sample over its neighbours.
    func requireFinite(_ buffer: AudioBuffer, stem: String, url: URL) throws {
        let count = buffer.nonFiniteSampleCount
        if count > 0 {
            throw MUSDBError.invalidStem(track: name, stem: stem, url: url, fault: .nonFinite(count: count))
        }
    }

    /// Checks the headers of `sources` against the mixture's (present, readable, same rate,
    /// channel count and length) without decoding any samples: what a caller that reads
    /// excerpts later (augmentation) checks up front. NaN samples are only found on load.
    ///
    /// - Throws: `MUSDBError.missingSource` or `MUSDBError.invalidStem` naming the file and
    ///   the fault; `AudioError.ffmpegMissing` when a stem file cannot be probed at all.
    public func validateHeaders(_ sources: [Source]? = nil) throws {
        for source in sources ?? sourceOrder {
            let files = try sourceFileList(source)
            if stemFit == .conformed {
                for url in files { _ = try conformableHeader(url, stem: source.rawValue) }
            } else if isWav {
                for url in files { _ = try validatedWAVHeader(url, stem: source.rawValue) }
            } else {
                _ = try validatedStreamHeaders(streamIndex(of: source), stem: source.rawValue)
            }
        }
    }

    /// The frames `frames` (clamped to the file) of one source at the file's rate, with the
    /// checks of `audio(of:)`: header against the mixture, then NaN and infinities. (An
    /// indexed track's `rate` is positive: `Database` refuses mixtures without one.)
    public func audio(of source: Source, frames: Range<Int>) throws -> AudioBuffer {
        let files = try sourceFileList(source)
        if stemFit == .conformed {
            let clamped = frames.clamped(to: 0..<frameCount)
            return try readConformed(files, stem: source.rawValue, frames: clamped, resample: false)
        }
        if isWav { return try Self.sum(files.map { try readWAV($0, stem: source.rawValue, frames: frames) }) }
        var chunk = self
        chunk.sampleRate = nil
        chunk.chunkStart = Double(max(0, frames.lowerBound)) / Double(rate)
        chunk.chunkDuration = Double(frames.count) / Double(rate)
        return try chunk.audio(of: source)
    }

    /// The files of `source` (at least one), or `MUSDBError.missingSource` naming where it
    /// should be.
    private func sourceFileList(_ source: Source) throws -> [URL] {
        guard let files = sourceFiles[source], !files.isEmpty else {
            throw MUSDBError.missingSource(
                track: name, source: source.rawValue,
                url: path.deletingLastPathComponent().appendingPathComponent(source.fileName))
        }
        return files
    }

    /// The sum of the files of one stem (a mapping may merge stems); they have one shape,
    /// checked against the mixture where each was read.
    private static func sum(_ buffers: [AudioBuffer]) -> AudioBuffer {
        guard var sum = buffers.first else { return AudioBuffer(sampleRate: 0, channels: []) }
        for buffer in buffers.dropFirst() { sum = sum.adding(buffer) }
        return sum
    }

    /// The stream of `source` in the track's `.stem.mp4`, or `missingSource` for a stem
    /// MUSDB18's stem files do not carry.
    private func streamIndex(of source: Source) throws -> Int {
        guard let index = source.streamIndex else {
            throw MUSDBError.missingSource(track: name, source: source.rawValue, url: path)
        }
        return index
    }

    /// The header of a WAV stem, checked against the track (unreadable files become
    /// `invalidStem(.unreadable)`).
    private func validatedWAVHeader(_ url: URL, stem: String) throws -> AudioFileInfo {
        do {
            let info = try storage.audioInfo(url)
            try validate(
                stem: stem, url: url, sampleRate: info.sampleRate, channelCount: info.channelCount,
                frameCount: info.frameCount, exactLength: true)
            return info
        } catch let error as AudioError {
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: url, fault: .unreadable(Self.reason(error, url: url)))
        }
    }

    /// The streams of the track's stem file, with stream `index` checked against the mixture.
    private func validatedStreamHeaders(_ index: Int, stem: String) throws -> StemFileInfo {
        do {
            let info = try stemInfo ?? storage.stemFile(path).info()
            if index != StemFile.Stream.mixture.rawValue,
                let stream = info.streams.first(where: { $0.index == index && $0.isAudio })
            {
                try validate(
                    stem: stem, url: path, sampleRate: stream.sampleRate, channelCount: stream.channelCount,
                    frameCount: stream.durationTimestamps, exactLength: false)
            }
            return info
        } catch let error as AudioError {
            if case .ffmpegMissing = error { throw error }
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: path, fault: .unreadable(Self.reason(error, url: path)))
        }
    }

    /// A WAV stem: header checked, the chunk's frames (or `frames`, clamped to the file, at
    /// the file's rate) read, samples checked; the chunk is resampled to `sampleRate` when set.
    private func readWAV(_ url: URL, stem: String, frames: Range<Int>? = nil) throws -> AudioBuffer {
        let info = try validatedWAVHeader(url, stem: stem)
        let buffer: AudioBuffer
        do {
            buffer = try storage.readAudio(
                url,
                frames: frames.map { $0.clamped(to: 0..<info.frameCount) }
                    ?? chunkFrames(frameCount: info.frameCount),
                frameCount: info.frameCount)
        } catch let error as AudioError {
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: url, fault: .unreadable(Self.reason(error, url: url)))
        }
        try requireFinite(buffer, stem: stem, url: url)
        guard frames == nil, let sampleRate, sampleRate != buffer.sampleRate else { return buffer }
        return try buffer.resampled(to: sampleRate)
    }

    private func readStream(_ index: Int, stem: String) throws -> AudioBuffer {
        let info = try validatedStreamHeaders(index, stem: stem)
        let buffer: AudioBuffer
        do {
            buffer = try storage.stemFile(path).read(
                stream: index, start: chunkStart, duration: chunkDuration,
                sampleRate: sampleRate, info: info)
        } catch let error as AudioError {
            if case .ffmpegMissing = error { throw error }
            throw MUSDBError.invalidStem(
                track: name, stem: stem, url: path, fault: .unreadable(Self.reason(error, url: path)))
        }
        try requireFinite(buffer, stem: stem, url: path)
        return buffer
    }

    /// An audio error's message without the leading path (the stem error names the file).
    static func reason(_ error: AudioError, url: URL) -> String {
        let text = error.description
        let prefix = url.path + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
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
        guard let slot = slots[index] else { throw CancellationError() }
        return try slot.get()
    }
}
