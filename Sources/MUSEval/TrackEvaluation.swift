import Audio
import BSSEval
import Foundation
import ScoreFiles

/// Scores one track's estimates against its references the way museval's `eval_mus_track`
/// does (see `TrackEvaluationPlan` for the grouping rules).
public enum TrackEvaluation {
    /// Scores `estimates` (target → audio already shaped like the reference) against
    /// `references` (target → audio) and returns the track's scores in museval's order.
    ///
    /// - Parameters:
    ///   - files: target → estimate file, to name the file in a silent-estimate error.
    ///   - rate: the dataset rate; windows and hops are `int(seconds × rate)` samples.
    /// - Throws: `TrackEvaluationError` (`.tooFewTargets`, `.silentReference`,
    ///   `.silentEstimate`, `.scoringFailed`).
    public static func score(
        track: String, references: [String: AudioBuffer], estimates: [String: AudioBuffer],
        files: [String: URL] = [:], rate: Int, options: EvaluationOptions = .init(),
        kernel: ScoringKernel = .bssEval
    ) throws -> TrackScores {
        try score(
            track: track, referenceSignals: references.mapValues { TargetSignal(name: "", audio: $0) },
            estimateSignals: estimates.mapValues { TargetSignal(name: "", audio: $0) },
            files: files, rate: rate, options: options, kernel: kernel)
    }

    /// Scores `estimates` against `references` (target → signal, read as the kernel goes).
    /// A fault of an estimate file is reported only after the references have been read
    /// whole and found sound: the separator is never blamed next to a broken dataset.
    ///
    /// `referenceSums` names the references that are sums of other targets' references
    /// (a MUSDB accompaniment: bass + drums + other, with gains, in the order added): when
    /// the vocals/accompaniment run's references are all in the main run or sums of them,
    /// and the kernel can (`ScoringKernel.evaluateDerived`), the two runs share one pass.
    ///
    /// - Throws: `TrackEvaluationError`: the plan's and silence errors as above, and the
    ///   faults of the files (`.nonFinite`, `.unreadable`, `.invalidReference`).
    public static func score(
        track: String, referenceSignals references: [String: TargetSignal],
        estimateSignals estimates: [String: TargetSignal],
        files: [String: URL] = [:], rate: Int, options: EvaluationOptions = .init(),
        kernel: ScoringKernel = .bssEval, order: [String] = TargetOrder.musdb,
        referenceSums: [String: [(target: String, gain: Double)]] = [:]
    ) throws -> TrackScores {
        let available = estimates.keys.filter { references[$0] != nil }
        guard let plan = TrackEvaluationPlan(targets: available, order: order) else {
            throw TrackEvaluationError.tooFewTargets(
                track: track, found: order.filter { estimates[$0] != nil })
        }
        func signals(_ targets: [String]) throws -> (references: [TargetSignal], estimates: [TargetSignal]) {
            var pairs = [(TargetSignal, TargetSignal)]()
            for target in targets {
                guard let reference = references[target], let estimate = estimates[target] else {
                    throw TrackEvaluationError.referenceUnavailable(track: track, reason: "no \(target) reference")
                }
                pairs.append((reference, estimate))
            }
            return (pairs.map(\.0), pairs.map(\.1))
        }
        let all = try signals(Array(plan.groups.joined()))
        do {
            // museval rejects a whole evaluation with a silent source; check each target once.
            for target in plan.groups.joined() {
                let (reference, estimate) = try signals([target])
                if try reference[0].isSilent() {
                    throw TrackEvaluationError.silentReference(track: track, target: target)
                }
                if try estimate[0].isSilent() {
                    let url = files[target] ?? estimate[0].files.first ?? URL(fileURLWithPath: target)
                    throw TrackEvaluationError.silentEstimate(url, target: target)
                }
            }
            var scored = [String: TargetScores]()
            var global = [String: TrackGlobalScores.Target]()
            let (window, hop) = (options.windowSamples(at: rate), options.hopSamples(at: rate))
            var results = [(group: [String], scores: ScoringKernel.Scores)]()
            if let evaluateDerived = kernel.evaluateDerived, let pair = plan.pairGroup, !plan.mainGroup.isEmpty,
                let terms = derivedTerms(pair, of: plan.mainGroup, sums: referenceSums)
            {
                let main = try signals(plan.mainGroup), second = try signals(pair)
                let derived = ScoringKernel.DerivedGroup(
                    references: second.references, estimates: second.estimates, referenceTerms: terms,
                    sharedEstimates: pair.map { plan.mainGroup.firstIndex(of: $0) })
                let both = try run(
                    track: track, targets: plan.mainGroup + pair,
                    estimates: main.estimates + second.estimates, files: (plan.mainGroup + pair).map { files[$0] }
                ) {
                    try evaluateDerived(main.references, main.estimates, derived, window, hop, options.mode)
                }
                results = [(plan.mainGroup, both.first), (pair, both.derived)]
            } else {
                for group in plan.groups {
                    let inputs = try signals(group)
                    let result = try run(
                        kernel, track: track, targets: group, references: inputs.references,
                        estimates: inputs.estimates, files: group.map { files[$0] }, window: window, hop: hop,
                        mode: options.mode)
                    results.append((group, result))
                }
            }
            for (group, result) in results {
                // The pair run comes last, so its vocals replace the main group's.
                for (index, target) in group.enumerated() {
                    scored[target] = TargetScores(
                        name: target, sdr: result.sdr[index], sir: result.sir[index],
                        sar: result.sar[index], isr: result.isr[index],
                        window: options.window, hop: options.hop)
                    if index < result.globalSDR.count, index < result.siSDR.count {
                        global[target] = .init(
                            name: target, frameCount: result.sdr[index].count, globalSDR: result.globalSDR[index],
                            siSDR: result.siSDR[index])
                    }
                }
            }
            var written = [TargetScores]()
            for target in plan.writtenTargets {
                guard let scores = scored[target] else {
                    throw TrackEvaluationError.scoringFailed(track: track, reason: "no scores for \(target)")
                }
                written.append(scores)
            }
            var scores = TrackScores(track: track, targets: written)
            // The whole-track figures ride along for the sidecar (`BatchEvaluator.write`).
            let figures = plan.writtenTargets.compactMap { global[$0] }
            if figures.count == scores.targets.count {
                let setup = ScoringSetup(mode: options.mode.rawValue, window: options.window, hop: options.hop)
                scores.global = TrackGlobalScores(track: track, setup: setup, targets: figures)
            }
            return scores
        } catch {
            throw blamingReferencesFirst(error, references: all.references)
        }
    }

    /// For each target of the pair run: the main group's references it sums, with gains, in
    /// the order added; nil when one of them is neither a main-group target nor a sum of
    /// main-group targets (it then needs a pass of its own).
    static func derivedTerms(
        _ pair: [String], of main: [String], sums: [String: [(target: String, gain: Double)]]
    ) -> [[(index: Int, gain: Double)]]? {
        var terms = [[(index: Int, gain: Double)]]()
        for target in pair {
            if let index = main.firstIndex(of: target) {
                terms.append([(index, 1)])
                continue
            }
            guard let parts = sums[target], !parts.isEmpty else { return nil }
            var own = [(index: Int, gain: Double)]()
            for part in parts {
                guard let index = main.firstIndex(of: part.target) else { return nil }
                own.append((index, part.gain))
            }
            terms.append(own)
        }
        return terms
    }

    /// `kernel` on one group of `targets`, its failures as the track's errors: a file's fault
    /// unchanged, a silent source found while the samples went by as the target's
    /// `.silentReference` / `.silentEstimate` (the estimate named by `files`, else by its
    /// signal's file), anything else `.scoringFailed`.
    static func run(
        _ kernel: ScoringKernel, track: String, targets: [String], references: [TargetSignal],
        estimates: [TargetSignal], files: [URL?], window: Int, hop: Int, mode: EvaluationMode
    ) throws -> ScoringKernel.Scores {
        try run(track: track, targets: targets, estimates: estimates, files: files) {
            try kernel.evaluate(references, estimates, window, hop, mode)
        }
    }

    /// `body`'s failures as the track's errors (see above); a silent source's index counts
    /// into `targets` and `estimates`.
    static func run<Result>(
        track: String, targets: [String], estimates: [TargetSignal], files: [URL?], _ body: () throws -> Result
    ) throws -> Result {
        do {
            return try body()
        } catch let error as TrackEvaluationError {
            throw error
        } catch BSSEvalError.silentSource(let role, let index) where targets.indices.contains(index) {
            if role == .reference { throw TrackEvaluationError.silentReference(track: track, target: targets[index]) }
            let url =
                (index < files.count ? files[index] : nil) ?? estimates[index].files.first
                ?? URL(fileURLWithPath: targets[index])
            throw TrackEvaluationError.silentEstimate(url, target: targets[index])
        } catch {
            throw TrackEvaluationError.scoringFailed(track: track, reason: String(describing: error))
        }
    }

    /// `error`, unless it is an estimate's fault and one of `references` is faulty: then the
    /// reference's fault (each reference is read whole to find out). A broken reference
    /// makes every comparison with it meaningless, so it is what the user must hear about.
    public static func blamingReferencesFirst(_ error: Error, references: [TargetSignal]) -> Error {
        guard let fault = error as? TrackEvaluationError, fault.side == .estimate else { return error }
        for reference in references {
            do {
                try reference.validate()
            } catch let referenceFault {
                return referenceFault
            }
        }
        return fault
    }
}
