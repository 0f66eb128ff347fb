import Audio
import Foundation
import MUSDB
import ScoreFiles

/// Pairs a separator's output folder with a MUSDB18 dataset and turns every track that has
/// estimates into a `TrackJob`, as museval's `eval_mus_dir` does (dataset order, output
/// `OUTPUT/<subset>/<track>.json`), with the checks museval lacks.
public struct DatasetEvaluation: Sendable {
    /// One job per dataset track with estimates, in dataset order.
    public var jobs: [TrackJob]
    /// Things the user should know before the run: estimate tracks that are not in the
    /// dataset, files with unknown target names.
    public var notes: [String]

    /// Plans the evaluation of `discovery`'s tracks against `database`.
    ///
    /// The expected targets are all museval targets found anywhere in the folder; a track
    /// missing one of them, or with two files for one target, becomes a failing job (the
    /// others still run). A track is matched by name, and by subset when the layout has one.
    ///
    /// - Throws: `EvaluationError.outputInsideDataset` when `output` is within the dataset
    ///   root, `.noMatchingTracks` when no estimate track is a dataset track.
    public init(
        database: Database, discovery: EstimateDiscovery, output: URL,
        options: EvaluationOptions = .init(), kernel: ScoringKernel = .bssEval
    ) throws {
        try OutputLocation.validate(output, datasetRoot: database.root)
        var notes = discovery.unknownTargets.map {
            "\($0.url.path): '\($0.name)' is not a museval target; not scored (add it with --target-map \($0.name)=<target>)"
        }
        var byName = [String: [EstimateTrack]]()
        for track in discovery.tracks { byName[track.name, default: []].append(track) }

        var pairs = [(Track, EstimateTrack)]()
        var used = Set<String>()
        for track in database.tracks {
            guard let candidates = byName[track.name],
                let estimate = candidates.first(where: { $0.subset == nil || $0.subset == track.subset.rawValue })
            else { continue }
            pairs.append((track, estimate))
            used.insert(track.name)
        }
        let unmatched = discovery.tracks.map(\.name).filter { !used.contains($0) }
        guard !pairs.isEmpty else {
            throw EvaluationError.noMatchingTracks(discovery.folder, examples: Array(Set(unmatched).sorted().prefix(3)))
        }
        for name in Set(unmatched).sorted() {
            notes.append("estimates for '\(name)' but the dataset has no such track here; skipped")
        }

        let known = Set(database.tracks.flatMap { $0.targets.map(\.name) })
        let expected = Set(pairs.flatMap { $0.1.files.keys }.filter { known.contains($0) })
        let origin = ScoreOrigin(
            method: discovery.folder.standardizedFileURL.path,
            references: database.root.standardizedFileURL.path,
            settings: ScoringSettings(
                options: options, layout: discovery.layout.pattern,
                targetMap: discovery.aliases.addedEntries))
        jobs = pairs.map { track, estimate in
            Self.job(
                track: track, estimate: estimate, expected: expected, output: output,
                origin: origin, options: options, kernel: kernel)
        }
        self.notes = notes
    }

    /// The job of one track. References come from `Track.load`, which validates every stem
    /// against the track's mixture; any failure there is the reference's
    /// (`TrackEvaluationError.invalidReference` naming the stem file), so an estimate is
    /// only ever compared with, and blamed against, a sane reference.
    static func job(
        track: Track, estimate: EstimateTrack, expected: Set<String>, output: URL,
        origin: ScoreOrigin, options: EvaluationOptions, kernel: ScoringKernel
    ) -> TrackJob {
        let subset = track.subset.rawValue
        let url = output.appendingPathComponent(subset).appendingPathComponent(track.name + ".json")
        if let (target, urls) = estimate.conflicts.sorted(by: { $0.key < $1.key }).first {
            return .failing(
                track: track.name, subset: subset, output: url, origin: origin,
                error: .conflictingFiles(target: target, urls))
        }
        let order = track.targets.map(\.name)
        let found = order.filter { estimate.files[$0] != nil }
        let missing = order.filter { expected.contains($0) && estimate.files[$0] == nil }
        if !missing.isEmpty {
            return .failing(
                track: track.name, subset: subset, output: url, origin: origin,
                error: .missingTargets(track: track.name, missing: missing, found: found))
        }
        guard let plan = TrackEvaluationPlan(targets: found, order: order) else {
            return .failing(
                track: track.name, subset: subset, output: url, origin: origin,
                error: .tooFewTargets(track: track.name, found: found))
        }
        let files = estimate.files
        let targets = order.filter { Set(plan.groups.joined()).contains($0) }
        let inputs = targets.compactMap { files[$0] }
        // A zip track's members are fingerprinted through their archive (the file on disk).
        let referenceFiles: [URL]
        if case let .zip(zip) = track.storage {
            referenceFiles = [zip.archive.url]
        } else {
            referenceFiles = track.files
        }
        return TrackJob(
            track: track.name, subset: subset, output: url, inputs: inputs, references: referenceFiles,
            origin: origin, expectedTargets: plan.writtenTargets
        ) {
            let references: [String: TargetSignal]
            do {
                references = try referenceSignals(track, targets.map { try track.target(named: $0) })
            } catch let error as TrackEvaluationError {
                throw error
            } catch {
                throw TrackEvaluationError.reference(error, track: track.name)
            }
            var estimates = [String: TargetSignal]()
            var adjustments = [InputAdjustment]()
            do {
                for target in targets {
                    guard let reference = references[target], let file = files[target] else {
                        throw TrackEvaluationError.referenceUnavailable(
                            track: track.name, reason: "no \(target) reference")
                    }
                    let (signal, changes) = try EstimateLoading.open(
                        file, target: target, sampleRate: reference.sampleRate,
                        channelCount: reference.channelCount, frameCount: reference.frameCount)
                    estimates[target] = signal
                    adjustments += changes
                }
            } catch {
                throw TrackEvaluation.blamingReferencesFirst(error, references: targets.compactMap { references[$0] })
            }
            let scores = try TrackEvaluation.score(
                track: track.name, referenceSignals: references, estimateSignals: estimates,
                files: files, rate: track.rate, options: options, kernel: kernel, order: order,
                referenceSums: referenceSums(track.targets))
            return (scores, adjustments.sorted { $0.file.path < $1.file.path })
        }
    }

    /// The targets whose reference sums other targets' references, as `Target.components`
    /// sums its sources: each component must be the whole of another target (one source,
    /// gain 1), e.g. accompaniment = bass + drums + other.
    static func referenceSums(_ targets: [Target]) -> [String: [(target: String, gain: Double)]] {
        var sums = [String: [(target: String, gain: Double)]]()
        for target in targets where target.components.count > 1 {
            let parts = target.components.map { component in
                targets.first { $0.components == [Target.Component(component.source)] }.map {
                    (target: $0.name, gain: component.gain)
                }
            }
            if parts.allSatisfy({ $0 != nil }) { sums[target.name] = parts.compactMap { $0 } }
        }
        return sums
    }

    /// The references of `targets`: a MUSDB18-HQ track at its own rate is read from its WAV
    /// stems a block at a time as the kernel goes (headers checked against the mixture
    /// first, samples as they are read); other tracks (`.stem.mp4`, resampled or chunked
    /// ones, and tracks read from a zip, whose members are read in full so that their CRC-32
    /// is checked before any score is written) are decoded into memory by `Track.load`.
    static func referenceSignals(_ track: Track, _ targets: [Target]) throws -> [String: TargetSignal] {
        guard track.readsStemsAsStored, track.storage == .folder else {
            var signals = [String: TargetSignal]()
            for (name, audio) in try track.load(targets) { signals[name] = TargetSignal(name: name, audio: audio) }
            return signals
        }
        try track.validateHeaders(targets.flatMap { $0.components.map(\.source) })
        var signals = [String: TargetSignal]()
        for target in targets {
            var files = [(url: URL, gain: Double, report: FaultReport)]()
            for component in target.components {
                guard let url = track.sourceURLs[component.source] else {
                    throw TrackEvaluationError.referenceUnavailable(
                        track: track.name, reason: "no \(component.source.rawValue) stem")
                }
                files.append((url, component.gain, .stem(component.source.rawValue, track: track.name)))
            }
            signals[target.name] = try TargetSignal(
                name: target.name, files: files, channelCount: track.channelCount, frameCount: track.frameCount,
                sampleRate: track.rate)
        }
        return signals
    }
}
