import Audio
import Checksum
import FileOutput
import Foundation
import MUSDB

/// Writes an augmented set in the MUSDB18-HQ layout, reproducibly and resumably.
///
/// - Layout: `OUT/train/<id>/{mixture,<sources>}.wav` plus `example.json` (its manifest
///   line), `OUT/manifest.jsonl` (one line per example, in index order) and
///   `OUT/augment.json` (the settings, which mark the folder as this command's own).
/// - Atomicity: an example is written into `OUT/.partial/` and its folder renamed into
///   `OUT/train/` only once complete, so a partial example never appears there (Python
///   musdb lists hidden folders too, hence the separate staging folder).
/// - Reproducibility: each example depends only on the settings and its index, so the
///   bytes are the same whatever the number of jobs or the order of work.
public struct AugmentedSetWriter: Sendable {
    public let output: URL
    public let renderer: ExampleRenderer
    /// The settings that identify the run (recipe and dataset selection), as JSON.
    public let settings: Data

    public init(output: URL, renderer: ExampleRenderer, settings: Data) {
        self.output = output.standardizedFileURL
        self.renderer = renderer
        self.settings = settings
    }

    var trainFolder: URL { output.appendingPathComponent("train") }
    var partialFolder: URL { output.appendingPathComponent(".partial") }
    var settingsFile: URL { output.appendingPathComponent("augment.json") }
    /// The manifest file.
    public var manifestFile: URL { output.appendingPathComponent("manifest.jsonl") }

    var format: Recipe.Format { renderer.planner.recipe.format }
    var fileExtension: String { format == .flac ? "flac" : "wav" }

    /// Checks that `output` may be written and creates its folders: it must not lie inside
    /// the dataset `root`, and it must be empty, absent, or an earlier run of the same
    /// settings (which is then resumed). Leftover partial examples are removed.
    public func prepare(datasetRoot: URL?) throws {
        try ResumableOutput(
            folder: output, settingsFile: settingsFile, settings: settings, command: "musdb augment",
            contents: "an augmented set", resumeHint: "the same settings"
        ).claim(datasetRoot: datasetRoot, folders: [trainFolder], partial: partialFolder)
    }

    /// The record of example `index` if its folder is complete and every file still has
    /// the recorded checksum and the plan is the one these settings draw; nil otherwise.
    public func completeRecord(index: Int) -> ExampleRecord? {
        let plan = renderer.planner.plan(index: index)
        let folder = trainFolder.appendingPathComponent(plan.id)
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("example.json")),
            let record = try? JSONDecoder().decode(ExampleRecord.self, from: data),
            record.plan == plan, record.format == format
        else { return nil }
        for (file, checksum) in record.crc32 {
            guard let actual = try? CRC32.checksum(ofFile: folder.appendingPathComponent(file)), actual == checksum
            else {
                return nil
            }
        }
        return record
    }

    /// Renders and writes example `index`, replacing any incomplete or damaged copy.
    @discardableResult
    public func writeExample(index: Int) throws -> ExampleRecord {
        let planner = renderer.planner
        let plan = planner.plan(index: index)
        let example = try renderer.render(plan)
        let encoded = EncodedExample(example, format: format)
        let fileManager = FileManager.default
        let staging = partialFolder.appendingPathComponent("\(plan.id).\(UUID().uuidString)")
        try Self.createFolder(staging)
        do {
            var checksums = [String: UInt32]()
            let files = [("mixture", encoded.mixture)] + zip(example.sourceNames, encoded.stems).map { ($0, $1) }
            for (name, channels) in files {
                let file = "\(name).\(fileExtension)"
                let url = staging.appendingPathComponent(file)
                try AudioFile.write(
                    AudioBuffer(sampleRate: plan.sampleRate, channels: channels), to: url,
                    format: format.audioFileFormat)
                checksums[file] = try CRC32.checksum(ofFile: url)
            }
            let record = ExampleRecord(plan: plan, scale: encoded.scale, format: format, crc32: checksums)
            try Self.writeAtomically(Self.encodeLine(record), to: staging.appendingPathComponent("example.json"))
            let destination = trainFolder.appendingPathComponent(plan.id)
            do {
                try AtomicFolder.commit(staging, to: destination)
            } catch let error as FileOutputError {
                throw AugmentationError.unusableOutput(
                    destination, "cannot move the finished example into place: \(error.reason)")
            }
            return record
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Writes the examples `indices` (skipping complete ones) on `jobs` threads, then the
    /// manifest. `progress` is called once per example, from any thread, with whether it
    /// was skipped as already complete.
    ///
    /// An example that fails is recorded in the summary's `failures` (its staging folder
    /// removed, so no partial example remains) and the others are still written; the
    /// manifest lists only complete examples. Throws only when the manifest cannot be written.
    public func write(
        indices: [Int], jobs: Int,
        progress: @Sendable (_ id: String, _ skipped: Bool) -> Void
    ) throws -> RunSummary {
        let queue = WorkQueue(indices)
        let workers = max(1, min(jobs, indices.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = queue.next() {
                do {
                    if completeRecord(index: index) != nil {
                        queue.finish(index, skipped: true)
                        progress(ExamplePlan.id(index: index), true)
                        continue
                    }
                    try writeExample(index: index)
                    queue.finish(index, skipped: false)
                    progress(ExamplePlan.id(index: index), false)
                } catch {
                    queue.fail(index, error)
                    progress(ExamplePlan.id(index: index), false)
                }
            }
        }
        try writeManifest()
        return RunSummary(written: queue.written, skipped: queue.skipped, failures: queue.failures)
    }

    /// Rewrites `manifest.jsonl` from the complete examples, in index order, and removes
    /// the (then empty) staging folder.
    public func writeManifest() throws {
        defer { try? FileManager.default.removeItem(at: partialFolder) }
        var lines = Data()
        for index in 0..<renderer.planner.exampleCount {
            let id = ExamplePlan.id(index: index)
            let file = trainFolder.appendingPathComponent(id).appendingPathComponent("example.json")
            guard let data = try? Data(contentsOf: file) else { continue }
            lines.append(data)
        }
        try Self.writeAtomically(lines, to: manifestFile)
    }

    /// What a run did.
    public struct RunSummary: Sendable, Equatable {
        public var written: Int
        public var skipped: Int
        /// The examples that could not be written, in index order.
        public var failures: [ExampleFailure] = []
    }

    static func encodeLine(_ record: ExampleRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(record)
        data.append(0x0A)
        return data
    }

    static func createFolder(_ url: URL) throws {
        do {
            try OutputFolder.create(url)
        } catch let error as FileOutputError {
            throw AugmentationError.unusableOutput(URL(fileURLWithPath: error.path), error.reason.description)
        }
    }

    static func writeAtomically(_ data: Data, to url: URL) throws {
        do {
            try AtomicFile.write(data, to: url)
        } catch let error as FileOutputError {
            throw AugmentationError.unusableOutput(url, error.reason.description)
        }
    }
}

/// The indices still to do, shared by the worker threads under a lock.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: ArraySlice<Int>
    private var failed = [ExampleFailure]()
    private(set) var written = 0
    private(set) var skipped = 0

    init(_ indices: [Int]) { pending = indices[...] }

    /// The failures so far, in index order.
    var failures: [ExampleFailure] {
        lock.lock(); defer { lock.unlock() }
        return failed.sorted { $0.index < $1.index }
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        return pending.popFirst()
    }

    func finish(_ index: Int, skipped wasSkipped: Bool) {
        lock.lock(); defer { lock.unlock() }
        if wasSkipped { skipped += 1 } else { written += 1 }
    }

    func fail(_ index: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        failed.append(ExampleFailure(index: index, message: "\(error)"))
    }
}

extension Recipe.Format {
    /// The Audio module's encoding (`flac` is 16-bit FLAC).
    public var audioFileFormat: AudioFileFormat {
        switch self {
        case .wav16: return .wav16
        case .wav24: return .wav24
        case .float: return .wavFloat32
        case .flac: return .flac16
        }
    }
}
