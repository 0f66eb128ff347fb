import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval

/// Small synthetic datasets and separator-style estimate folders for the evaluate tests.
enum EvaluateTestFixtures {
    /// A synthetic MUSDB18-HQ dataset (`musdb sample`'s writer) of short tracks under `folder/musdb`.
    static func dataset(in folder: URL, train: Int = 1, test: Int = 2, seconds: Double = 3) throws -> Database {
        let root = folder.appendingPathComponent("musdb")
        try SampleDataset(trainTrackCount: train, testTrackCount: test, seconds: seconds).write(to: root)
        return try Database(root: root, isWav: true)
    }

    /// A "leaky" estimate of `target`: the true target plus 10 % of the rest of the mix.
    static func leakyEstimate(_ track: Track, target: String) throws -> AudioBuffer {
        let all = try track.load([Target.vocals, .drums, .bass, .other, .accompaniment, .linearMixture])
        let truth = all[target]!
        let mixture = all["linear_mixture"]!
        return truth.scaled(by: 0.9).adding(mixture, gain: 0.1)
    }

    /// Writes leaky estimates of `targets` for every track of `database` under `folder`, at
    /// `relativePath(track, fileTargetName)` (the file name without extension is the layout's).
    @discardableResult
    static func writeEstimates(
        _ database: Database, to folder: URL, targets: [(file: String, target: String)],
        format: AudioFileFormat = .wav16,
        path: (Track, String) -> String
    ) throws -> [URL] {
        var urls = [URL]()
        for track in database.tracks {
            for (file, target) in targets {
                let url = folder.appendingPathComponent(path(track, file) + "." + format.fileExtension)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AudioFile.write(try leakyEstimate(track, target: target), to: url, format: format)
                urls.append(url)
            }
        }
        return urls
    }

    /// Rewrites a dataset (or estimate) WAV through `change`, as 32-bit float so NaN survives.
    static func rewrite(_ url: URL, _ change: (inout AudioBuffer) -> Void) throws {
        var audio = try AudioFile.read(url)
        change(&audio)
        try NonFiniteWAV.write(audio, to: url)
    }

    static let fourStems: [(file: String, target: String)] =
        [("vocals", "vocals"), ("drums", "drums"), ("bass", "bass"), ("other", "other")]

    /// A fast stand-in for the BSS Eval kernel: per frame (museval's framing), SDR is
    /// 10·log10(‖s‖² / ‖s − ŝ‖²) over all channels, SIR = SDR + 1, SAR = SDR + 2, ISR = SDR + 3.
    static let fakeKernel = ScoringKernel { referenceSignals, estimateSignals, window, hop, _ in
        let references = try referenceSignals.map { try $0.samples() }
        let estimates = try estimateSignals.map { try $0.samples() }
        precondition(references.count == estimates.count)
        let length = references[0][0].count
        let frames = window < length ? (length - window + hop) / hop : 1
        var sdr = [[Double]]()
        for (reference, estimate) in zip(references, estimates) {
            precondition(reference.count == estimate.count && estimate[0].count == length)
            sdr.append(
                (0..<frames).map { t in
                    let range = (t * hop)..<min(t * hop + window, length)
                    var signal = 0.0, error = 0.0
                    for c in reference.indices {
                        for i in range {
                            signal += reference[c][i] * reference[c][i]
                            let d = reference[c][i] - estimate[c][i]
                            error += d * d
                        }
                    }
                    return 10 * log10(signal / error)
                })
        }
        return .init(
            sdr: sdr, isr: sdr.map { $0.map { $0 + 3 } }, sir: sdr.map { $0.map { $0 + 1 } },
            sar: sdr.map { $0.map { $0 + 2 } })
    }

    /// Plans and runs an evaluation with the fake kernel.
    static func run(
        _ database: Database, estimates: URL, output: URL, layout: EstimateLayout? = nil,
        options: EvaluationOptions = .init(), force: Bool = false,
        jobs: Int = 2
    ) async throws -> (BatchReport, EstimateDiscovery) {
        let discovery = try EstimateDiscovery.discover(in: estimates, layout: layout)
        let plan = try DatasetEvaluation(
            database: database, discovery: discovery, output: output, options: options,
            kernel: fakeKernel)
        return (try await BatchEvaluator(jobs: jobs, force: force).run(plan.jobs), discovery)
    }
}
