import Audio
import MUSEval
import Oracle
import ScoreFiles

/// Scores estimates of vocals, drums, bass, other (+ accompaniment) with `MUSEval`'s
/// `eval_mus_track` rules, as `museval oracle` and `museval evaluate` do.
enum MUSEvalRules {
    /// target → metric ("SDR", "SIR", "ISR", "SAR") → per-frame values.
    static func scores(estimates: [Stem], sources: [Stem], sampleRate: Int) throws -> [String: [String: [Double]]] {
        func buffers(_ stems: [Stem]) -> [String: AudioBuffer] {
            let all = stems + [Stem.accompaniment(of: stems)!]
            return Dictionary(
                uniqueKeysWithValues: all.map { ($0.name, AudioBuffer(sampleRate: sampleRate, channels: $0.channels)) })
        }
        let scores = try TrackEvaluation.score(
            track: "oracle", references: buffers(sources),
            estimates: buffers(estimates), rate: sampleRate)
        var result = [String: [String: [Double]]]()
        for target in scores.targets {
            result[target.name] = Dictionary(
                uniqueKeysWithValues: Metric.allCases.map { ($0.rawValue, target.values(of: $0)) })
        }
        return result
    }
}
