import Audio
import FileOutput
import Foundation
import MUSDB
import MUSEval
import Oracle

/// One `museval oracle` run: loads each track, separates it with the oracle, writes the
/// estimates atomically, and skips tracks already done.
///
/// Every input goes through `Track`'s validation (a NaN, truncated or mismatched stem is an
/// `OracleBatchError.invalidReference` naming the stem file), and every estimate is checked
/// finite before anything of the track is written, so a broken track fails alone and never
/// leaves NaN estimates for `museval` to score.
public struct OracleBatch: Sendable {
    /// The targets written for every track, as museval scores them.
    public static let targetNames = ["vocals", "drums", "bass", "other", "accompaniment"]
    /// The sources the oracles see, in musdb's order (the order the reference sums them in).
    public static let sources: [Source] = [.vocals, .drums, .bass, .other]

    public let method: OracleMethod
    public let output: URL
    public let force: Bool
    /// The separator for every method but `mrstft` (usually `method.separator`).
    public let separator: OracleSeparator

    public init(method: OracleMethod, output: URL, force: Bool, separator: OracleSeparator) {
        self.method = method
        self.output = output
        self.force = force
        self.separator = separator
    }

    /// What happened to one track.
    public enum Outcome: Equatable, Sendable {
        case skipped
        case separated(notes: [String])
    }

    /// `base/<subset>/<track>/`.
    public func folder(for track: Track, under base: URL) -> URL {
        base.appendingPathComponent(track.subset.rawValue, isDirectory: true)
            .appendingPathComponent(track.name, isDirectory: true)
    }

    /// The estimate folders of `track`: one, or for `mrstft` the average and the best.
    public func estimateFolders(for track: Track) -> [URL] {
        switch method {
        case .mrstft:
            return [
                folder(for: track, under: output.appendingPathComponent("average")),
                folder(for: track, under: output.appendingPathComponent("best"))
            ]
        default:
            return [folder(for: track, under: output)]
        }
    }

    /// `OUT/resolutions/<subset>/<track>.json` (mrstft only).
    public func resolutionReport(for track: Track) -> URL {
        output.appendingPathComponent("resolutions").appendingPathComponent(track.subset.rawValue)
            .appendingPathComponent(track.name + ".json")
    }

    /// Whether every file this run writes for `track` exists already.
    public func isDone(_ track: Track) -> Bool {
        var files = estimateFolders(for: track).flatMap { folder in
            Self.targetNames.map { folder.appendingPathComponent($0 + ".wav") }
        }
        if method == .mrstft { files.append(resolutionReport(for: track)) }
        return files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Separates `track` and writes its estimates, unless they exist (and not `force`).
    ///
    /// - Throws: `OracleBatchError` for a broken stem or a non-finite estimate (nothing of
    ///   the track is written then); the oracle's and the writer's errors.
    public func process(_ track: Track) throws -> Outcome {
        if !force && isDone(track) { return .skipped }
        var notes = [String]()
        let input = try OracleInput(track: track, notes: &notes)
        switch method {
        case .mrstft:
            let oracle = MultiResolutionIRM()
            let resolutions = try oracle.separateAtEachResolution(mixture: input.mixture, sources: input.sources)
            let average = MultiResolutionIRM.average(resolutions.map(\.estimates))
            let folders = estimateFolders(for: track)
            let choice = try ResolutionChoice(track: track, input: input, resolutions: resolutions)
            try Self.requireFinite(average, track: track.name)
            try Self.requireFinite(resolutions[choice.bestIndex].estimates, track: track.name)
            try write(average, sampleRate: input.sampleRate, to: folders[0])
            try write(resolutions[choice.bestIndex].estimates, sampleRate: input.sampleRate, to: folders[1])
            try choice.write(to: resolutionReport(for: track))
            notes.append(choice.summary)
        default:
            let estimates = try separator.separate(mixture: input.mixture, sources: input.sources)
            try Self.requireFinite(estimates, track: track.name)
            try write(estimates, sampleRate: input.sampleRate, to: estimateFolders(for: track)[0])
        }
        return .separated(notes: notes)
    }

    /// Throws `OracleBatchError.nonFiniteEstimate` for the first estimate (or their
    /// accompaniment) holding NaN or infinite samples: it is never written.
    static func requireFinite(_ estimates: [Stem], track: String) throws {
        var all = estimates
        if let accompaniment = Stem.accompaniment(of: estimates) { all.append(accompaniment) }
        for stem in all {
            let count = AudioBuffer(sampleRate: 1, channels: stem.channels).nonFiniteSampleCount
            if count > 0 { throw OracleBatchError.nonFiniteEstimate(track: track, target: stem.name, count: count) }
        }
    }

    /// Writes the source estimates and their accompaniment as float WAV into `folder`,
    /// atomically as a whole (`AtomicFolder`): a failure never leaves only some stems.
    func write(_ estimates: [Stem], sampleRate: Int, to folder: URL) throws {
        var all = estimates
        if let accompaniment = Stem.accompaniment(of: estimates) { all.append(accompaniment) }
        try AtomicFolder.write(to: folder) { staging in
            for stem in all {
                try AudioFile.write(
                    AudioBuffer(sampleRate: sampleRate, channels: stem.channels),
                    to: staging.appendingPathComponent(stem.name + ".wav"), format: .wavFloat32)
            }
        }
    }
}
