import Audio
import FileOutput
import Foundation
import MUSDB
import MUSEval
import Oracle

/// The multi-resolution oracle's choice for one track: every resolution scored with BSS
/// Eval v4 as museval's `eval_mus_track` scores estimates, and the best one (the highest
/// mean over the five targets of the median SDR over frames).
public struct ResolutionChoice: Encodable {
    /// One resolution's per-frame SDR by target.
    public struct Scored: Encodable {
        public let segmentLength: Int
        /// Mean over targets of the median SDR over frames (the ranking score).
        public let score: Double?
        public let sdr: [String: [Double?]]
    }

    public let track: String
    public let bestSegmentLength: Int
    public let bestIndex: Int
    public let resolutions: [Scored]

    /// Scores each resolution's estimates against the true targets (1 s windows and hops).
    public init(track: Track, input: OracleInput, resolutions: [MultiResolutionIRM.Resolution]) throws {
        var scored = [Scored]()
        var sdrs = [[[Double]]]()
        for resolution in resolutions {
            let sdr = try Self.sdr(of: resolution.estimates, input: input, track: track.name)
            let targets = OracleBatch.targetNames.compactMap { sdr[$0] }
            sdrs.append(targets)
            let medians = targets.compactMap(MultiResolutionIRM.median)
            scored.append(
                Scored(
                    segmentLength: resolution.segmentLength,
                    score: medians.isEmpty ? nil : medians.reduce(0, +) / Double(medians.count),
                    sdr: sdr.mapValues { $0.map { $0.isFinite ? $0 : nil } }))
        }
        guard let best = MultiResolutionIRM.bestResolution(scores: sdrs) else {
            throw OracleBatchError.noFiniteResolution(track: track.name)
        }
        self.track = track.name
        self.bestIndex = best
        self.bestSegmentLength = resolutions[best].segmentLength
        self.resolutions = scored
    }

    /// Per-frame SDR of the five targets, scored by `MUSEval.TrackEvaluation` with
    /// museval's `eval_mus_track` rules (vocals, drums, bass and other jointly; vocals and
    /// accompaniment jointly), 1 s windows and hops.
    static func sdr(of estimates: [Stem], input: OracleInput, track: String) throws -> [String: [Double]] {
        func buffers(_ stems: [Stem]) -> [String: AudioBuffer] {
            var all = stems
            if let accompaniment = Stem.accompaniment(of: stems) { all.append(accompaniment) }
            return Dictionary(
                uniqueKeysWithValues: all.map {
                    ($0.name, AudioBuffer(sampleRate: input.sampleRate, channels: $0.channels))
                })
        }
        let scores = try TrackEvaluation.score(
            track: track, references: buffers(input.sources),
            estimates: buffers(estimates), rate: input.sampleRate)
        var result = [String: [Double]]()
        for target in scores.targets { result[target.name] = target.values(of: .sdr) }
        return result
    }

    /// One line for the log.
    public var summary: String {
        let scores = resolutions.map { r in
            "\(r.segmentLength): " + (r.score.map { String(format: "%.2f", $0) } ?? "n/a")
        }
        return "best resolution \(bestSegmentLength) (mean of median SDR per target: \(scores.joined(separator: ", ")))"
    }

    /// Writes the choice and every resolution's scores as JSON, atomically.
    public func write(to url: URL) throws {
        try OutputFolder.create(url.deletingLastPathComponent())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(self), to: url)
    }
}
