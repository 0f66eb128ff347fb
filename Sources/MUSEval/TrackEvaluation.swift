import Audio
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
        let available = estimates.keys.filter { references[$0] != nil }
        guard let plan = TrackEvaluationPlan(targets: available) else {
            throw TrackEvaluationError.tooFewTargets(
                track: track, found: TargetOrder.musdb.filter { estimates[$0] != nil })
        }
        // museval rejects a whole evaluation with a silent source; check each target once.
        for target in plan.groups.joined() {
            if EstimateLoading.isSilent(references[target]!) {
                throw TrackEvaluationError.silentReference(track: track, target: target)
            }
            if EstimateLoading.isSilent(estimates[target]!) {
                let url = files[target] ?? URL(fileURLWithPath: target)
                throw TrackEvaluationError.silentEstimate(url, target: target)
            }
        }
        var scored = [String: TargetScores]()
        var global = [String: TrackGlobalScores.Target]()
        for group in plan.groups {
            let result: ScoringKernel.Scores
            do {
                result = try kernel.evaluate(
                    group.map { references[$0]!.channels },
                    group.map { estimates[$0]!.channels },
                    options.windowSamples(at: rate), options.hopSamples(at: rate),
                    options.mode)
            } catch {
                throw TrackEvaluationError.scoringFailed(track: track, reason: String(describing: error))
            }
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
        var scores = TrackScores(track: track, targets: plan.writtenTargets.map { scored[$0]! })
        // The whole-track figures ride along for the sidecar (`BatchEvaluator.write`).
        let figures = plan.writtenTargets.compactMap { global[$0] }
        if figures.count == scores.targets.count {
            let setup = ScoringSetup(mode: options.mode.rawValue, window: options.window, hop: options.hop)
            scores.global = TrackGlobalScores(track: track, setup: setup, targets: figures)
        }
        return scores
    }
}
