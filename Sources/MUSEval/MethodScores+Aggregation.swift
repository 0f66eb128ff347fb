extension MethodScores {
    /// The per-track aggregate of every (track, target, metric): `frames` over the frames,
    /// NaN frames skipped (museval's `agg_frames_scores`). Keyed by target, then metric, one
    /// value per track in `tracks` order (NaN where the track lacks the target).
    public func trackAggregates(frames: Aggregation = .median) -> [String: [Metric: [Double]]] {
        var result: [String: [Metric: [Double]]] = [:]
        for target in targetNames {
            var perMetric: [Metric: [Double]] = [:]
            for metric in Metric.jsonOrder {
                perMetric[metric] = tracks.map { track in
                    guard let scores = track[target: target] else { return .nan }
                    return frames(scores.frames.lazy.map { $0[metric] })
                }
            }
            result[target] = perMetric
        }
        return result
    }

    /// museval's `agg_frames_tracks_scores`: for every target and metric, `frames` over each
    /// track's frames, then `tracks` over the tracks, NaN skipped at both steps. Targets come
    /// in MUSDB order, metrics as SDR, SIR, SAR, ISR.
    ///
    /// pandas groups tracks by name in sorted order before the track step; the median does not
    /// care, the Kahan mean does (in its last bits), so tracks are taken in that order here.
    public func aggregates(frames: Aggregation = .median, tracks trackAggregation: Aggregation = .median) -> [ScoreAggregate] {
        let order = tracks.indices.sorted {
            tracks[$0].track.unicodeScalars.lexicographicallyPrecedes(tracks[$1].track.unicodeScalars)
        }
        var result: [ScoreAggregate] = []
        for target in targetNames {
            for metric in Metric.jsonOrder {
                var perTrack: [Double] = []
                var frameCount = 0
                var nanFrameCount = 0
                for index in order {
                    guard let scores = tracks[index][target: target] else { continue }
                    frameCount += scores.frames.count
                    nanFrameCount += scores.frames.reduce(0) { $0 + ($1[metric].isNaN ? 1 : 0) }
                    perTrack.append(frames(scores.frames.lazy.map { $0[metric] }))
                }
                result.append(ScoreAggregate(
                    method: name, target: target, metric: metric, value: trackAggregation(perTrack),
                    trackCount: perTrack.count, scoredTrackCount: perTrack.filter { !$0.isNaN }.count,
                    frameCount: frameCount, nanFrameCount: nanFrameCount))
            }
        }
        return result
    }
}
