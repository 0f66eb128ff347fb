import Audio
import FileOutput
import Foundation
import MUSDB

/// Converts a MUSDB18 dataset (either flavour) into the MUSDB18-HQ layout:
/// `OUT/<subset>/<track>/{mixture,drums,bass,other,vocals}.wav`, what Python musdb's
/// `musdbconvert` writes.
///
/// - The mixture is the one stored (stream 0 of a `.stem.mp4`, or `mixture.wav`), not the
///   sum of the stems. The five files are cut to the shortest of them, since the streams
///   of a stem file decode to lengths a few frames apart and an HQ track's files have one
///   length.
/// - Atomicity: a track is written into `OUT/.partial/` and its folder renamed into
///   `OUT/<subset>/` once all five files are written, so a track folder there is always
///   complete (the staging folder is outside the subset folders, which Python musdb lists
///   hidden folders and all).
/// - Resuming: a track whose folder exists is skipped; `prepare()` removes what an
///   interrupted run left in `OUT/.partial/`. `OUT/convert.json` records the settings, and
///   a rerun with other settings is refused rather than mixing two encodings.
/// - The dataset is only read: an output inside the dataset root is refused.
public struct DatasetConversion: Sendable {
    /// The dataset read (its tracks are the ones converted).
    public let database: Database
    /// The folder written.
    public let output: URL
    /// The encoding of the files written.
    public let format: Recipe.Format
    /// The rate written; nil keeps each track's rate. (Set it on `database` too, so tracks
    /// are resampled on load: `init` does.)
    public let sampleRate: Int?

    /// The files of an HQ track folder: `mixture`, then the sources in stream order (for
    /// MUSDB18: drums, bass, other, vocals; for other datasets, their sources in order).
    public static func stemNames(of track: Track) -> [String] {
        ["mixture"] + track.stemOrder.map(\.rawValue)
    }

    /// - Parameters:
    ///   - database: the indexed dataset; `sampleRate` replaces its resampling rate.
    ///   - output: the folder to write.
    ///   - format: the encoding (16-bit WAV is MUSDB18-HQ's own).
    ///   - sampleRate: resample to this rate on load (ffmpeg for `.stem.mp4`, libsamplerate for WAV).
    public init(database: Database, output: URL, format: Recipe.Format = .wav16, sampleRate: Int? = nil) {
        var database = database
        database.sampleRate = sampleRate
        for index in database.tracks.indices { database.tracks[index].sampleRate = sampleRate }
        self.database = database
        self.output = output.standardizedFileURL
        self.format = format
        self.sampleRate = sampleRate
    }

    /// The file that records the settings of the run.
    public var settingsFile: URL { output.appendingPathComponent("convert.json") }
    var partialFolder: URL { output.appendingPathComponent(".partial") }
    var fileExtension: String { format.audioFileFormat.fileExtension }

    /// The settings as stored in `settingsFile` (stable bytes for the same settings).
    var settings: Data {
        var text = "{\"format\": \"\(format.rawValue)\", \"sampleRate\": "
        text += sampleRate.map(String.init) ?? "null"
        // Another layout, mapping or split gives other files: a rerun must not resume them.
        if !database.kind.isMUSDB18 {
            text += ", \"dataset\": \"\(database.kind.rawValue)\""
            text += ", \"stemMapping\": " + (database.stemMapping.map { "\"\($0.name)\"" } ?? "null")
            text +=
                ", \"split\": \"seed \(database.splitting.seed), test \(database.splitting.test), valid \(database.splitting.valid), \(database.splitting.tracks.count) stored\""
        }
        text += "}\n"
        return Data(text.utf8)
    }

    /// The folder of `track` in the output.
    public func destination(of track: Track) -> URL {
        output.appendingPathComponent(track.subset.rawValue).appendingPathComponent(track.name, isDirectory: true)
    }

    /// Whether `track`'s folder is in place with all five files (a folder only appears
    /// there complete, so this is what a rerun skips).
    public func isComplete(_ track: Track) -> Bool {
        let folder = destination(of: track)
        return Self.stemNames(of: track).allSatisfy { name in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name).\(fileExtension)").path)
        }
    }

    /// Checks that `output` may be written and creates it: not inside the dataset root,
    /// absent, empty or an earlier conversion with the same settings (then resumed); what
    /// an interrupted run left half-written is removed.
    ///
    /// - Throws: `AugmentationError.unusableOutput` naming the folder and what to do.
    public func prepare() throws {
        try ResumableOutput(
            folder: output, settingsFile: settingsFile, settings: settings, command: "musdb convert",
            contents: "a conversion", resumeHint: "the same --format and --sample-rate"
        ).claim(datasetRoot: database.root.standardizedFileURL, folders: [output], partial: partialFolder)
    }

    /// The five buffers of `track` as they are written: mixture as stored, then drums,
    /// bass, other, vocals, all cut to the shortest.
    public func audio(of track: Track) throws -> [AudioBuffer] {
        let sources = try track.loadSources(track.stemOrder)
        let buffers =
            try [track.audio()]
            + track.stemOrder.map { source in
                guard let buffer = sources[source] else {
                    throw MUSDBError.missingSource(
                        track: track.name, source: source.rawValue,
                        url: track.path.deletingLastPathComponent().appendingPathComponent(source.fileName))
                }
                return buffer
            }
        let shortest = buffers.map(\.frameCount).min() ?? 0
        return buffers.map { $0.frameCount > shortest ? $0.frames(0..<shortest) : $0 }
    }

    /// Decodes `track` and writes its folder (staged, then renamed into place, replacing a
    /// folder already there).
    public func convert(_ track: Track) throws {
        let buffers = try audio(of: track)
        let destination = destination(of: track)
        let staging = partialFolder.appendingPathComponent("\(track.subset.rawValue).\(UUID().uuidString)")
        do {
            try OutputFolder.create(destination.deletingLastPathComponent())
            try OutputFolder.create(staging)
            for (name, buffer) in zip(Self.stemNames(of: track), buffers) {
                try AudioFile.write(
                    buffer, to: staging.appendingPathComponent("\(name).\(fileExtension)"),
                    format: format.audioFileFormat)
            }
            try AtomicFolder.commit(staging, to: destination)
        } catch let error as FileOutputError {
            try? FileManager.default.removeItem(at: staging)
            throw AugmentationError.unusableOutput(URL(fileURLWithPath: error.path), error.reason.description)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Converts every track not complete yet on `jobs` threads, then removes the staging
    /// folder. `progress` is called once per track, from any thread, with its outcome.
    /// A track that fails is reported in the summary and the others are still written.
    public func run(jobs: Int, progress: @Sendable (_ track: Track, _ outcome: Outcome) -> Void) -> Summary {
        let tracks = database.tracks
        let results = ConversionResults(count: tracks.count)
        let workers = max(1, min(jobs, tracks.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.next() {
                let track = tracks[index]
                let outcome: Outcome
                if isComplete(track) {
                    outcome = .skipped
                } else {
                    do {
                        try convert(track)
                        outcome = .converted
                    } catch {
                        outcome = .failed("\(error)")
                    }
                }
                results.set(index, outcome)
                progress(track, outcome)
            }
        }
        try? FileManager.default.removeItem(at: partialFolder)
        return Summary(outcomes: results.outcomes)
    }

    /// What happened to one track.
    public enum Outcome: Sendable, Equatable {
        case converted
        /// Its folder was already complete.
        case skipped
        /// It could not be converted; the message names the file and the fault.
        case failed(String)
    }

    /// What a run did, per track in the database's order.
    public struct Summary: Sendable, Equatable {
        public var outcomes: [Outcome]
        public var converted: Int { outcomes.filter { $0 == .converted }.count }
        public var skipped: Int { outcomes.filter { $0 == .skipped }.count }
        /// The failure messages, in track order.
        public var failures: [String] {
            outcomes.compactMap { outcome in
                if case .failed(let message) = outcome { return message }
                return nil
            }
        }
    }
}

/// The next track to convert and the outcomes, shared by the worker threads under a lock.
private final class ConversionResults: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var slots: [DatasetConversion.Outcome?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    var outcomes: [DatasetConversion.Outcome] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0 ?? .failed("not converted") }
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < slots.count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    func set(_ index: Int, _ outcome: DatasetConversion.Outcome) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = outcome
    }
}
