import Audio
import FileOutput
import Foundation
import MUSDB
import Oracle

/// One `museval oracle` run: loads each track, separates it with the oracle, writes the
/// estimates atomically, and skips tracks already done.
struct OracleBatch: Sendable {
    /// The targets written for every track, as museval scores them.
    static let targetNames = ["vocals", "drums", "bass", "other", "accompaniment"]
    /// The sources the oracles see, in musdb's order (the order the reference sums them in).
    static let sources: [Source] = [.vocals, .drums, .bass, .other]

    let method: OracleMethod
    let output: URL
    let force: Bool
    /// The separator for every method but `mrstft` (usually `method.separator`).
    let separator: OracleSeparator

    /// What happened to one track.
    enum Outcome {
        case skipped
        case separated(notes: [String])
    }

    /// `base/<subset>/<track>/`.
    func folder(for track: Track, under base: URL) -> URL {
        base.appendingPathComponent(track.subset.rawValue, isDirectory: true)
            .appendingPathComponent(track.name, isDirectory: true)
    }

    /// The estimate folders of `track`: one, or for `mrstft` the average and the best.
    func estimateFolders(for track: Track) -> [URL] {
        switch method {
        case .mrstft:
            return [folder(for: track, under: output.appendingPathComponent("average")),
                    folder(for: track, under: output.appendingPathComponent("best"))]
        default:
            return [folder(for: track, under: output)]
        }
    }

    /// `OUT/resolutions/<subset>/<track>.json` (mrstft only).
    func resolutionReport(for track: Track) -> URL {
        output.appendingPathComponent("resolutions").appendingPathComponent(track.subset.rawValue)
            .appendingPathComponent(track.name + ".json")
    }

    /// Whether every file this run writes for `track` exists already.
    func isDone(_ track: Track) -> Bool {
        var files = estimateFolders(for: track).flatMap { folder in
            Self.targetNames.map { folder.appendingPathComponent($0 + ".wav") }
        }
        if method == .mrstft { files.append(resolutionReport(for: track)) }
        return files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
    }

    func process(_ track: Track) throws -> Outcome {
        if !force && isDone(track) { return .skipped }
        var notes = [String]()
        let input = try OracleInput(track: track, notes: &notes)
        switch method {
        case .mrstft:
            let oracle = MultiResolutionIRM()
            let resolutions = try oracle.separateAtEachResolution(mixture: input.mixture, sources: input.sources)
            let average = MultiResolutionIRM.average(resolutions.map(\.estimates))
            let folders = estimateFolders(for: track)
            try write(average, sampleRate: input.sampleRate, to: folders[0])
            let choice = try ResolutionChoice(track: track, input: input, resolutions: resolutions)
            try write(resolutions[choice.bestIndex].estimates, sampleRate: input.sampleRate, to: folders[1])
            try choice.write(to: resolutionReport(for: track))
            notes.append(choice.summary)
        default:
            let estimates = try separator.separate(mixture: input.mixture, sources: input.sources)
            try write(estimates, sampleRate: input.sampleRate, to: estimateFolders(for: track)[0])
        }
        return .separated(notes: notes)
    }

    /// Writes the source estimates and their accompaniment as float WAV into `folder`,
    /// atomically as a whole (`AtomicFolder`): a failure never leaves only some stems.
    func write(_ estimates: [Stem], sampleRate: Int, to folder: URL) throws {
        var all = estimates
        if let accompaniment = Stem.accompaniment(of: estimates) { all.append(accompaniment) }
        try AtomicFolder.write(to: folder) { staging in
            for stem in all {
                try AudioFile.write(AudioBuffer(sampleRate: sampleRate, channels: stem.channels),
                                    to: staging.appendingPathComponent(stem.name + ".wav"), format: .wavFloat32)
            }
        }
    }
}

/// A track's mixture and sources as the oracles take them.
struct OracleInput {
    let mixture: [[Double]]
    let sources: [Stem]
    let sampleRate: Int

    /// Decodes the mixture and the four sources. Stems that decode to slightly different
    /// lengths are cut to the shortest (and `notes` says so), as the oracles need aligned
    /// signals.
    init(track: Track, notes: inout [String]) throws {
        let mixture = try track.audio()
        let sources = try track.loadSources(OracleBatch.sources)
        let count = ([mixture.frameCount] + sources.values.map(\.frameCount)).min() ?? 0
        if mixture.frameCount != count || sources.values.contains(where: { $0.frameCount != count }) {
            notes.append("warning: mixture and sources differ in length; all cut to \(count) frames")
        }
        // Cut only what is longer: a copy of every signal would double the peak memory.
        func aligned(_ buffer: AudioBuffer) -> [[Double]] {
            buffer.frameCount == count ? buffer.channels : buffer.frames(0..<count).channels
        }
        self.mixture = aligned(mixture)
        self.sources = OracleBatch.sources.map { Stem(name: $0.rawValue, channels: aligned(sources[$0]!)) }
        self.sampleRate = mixture.sampleRate
    }
}
