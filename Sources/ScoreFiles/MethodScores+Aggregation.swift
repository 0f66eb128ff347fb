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
    public func aggregates(frames: Aggregation = .median, tracks trackAggregation: Aggregation = .median)
        -> [ScoreAggregate]
    {
        let order = tracks.indices.sorted {
            tracks[$0].track.unicodeScalars.lexicographicallyPrecedes(tracks[$1].track.unicodeScalars)
        }
        let targets = targetNames
        let targetIndex = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($0.element, $0.offset) })
        let metrics = Metric.jsonOrder
        // One accumulator per (target, metric); a single pass over the frames fills them.
        var perTrack = [[Double]](repeating: [], count: targets.count * metrics.count)
        var frameCounts = [Int](repeating: 0, count: perTrack.count)
        var nanCounts = [Int](repeating: 0, count: perTrack.count)
        var scratch: [Double] = []
        for index in order {
            for target in tracks[index].targets {
                guard let t = targetIndex[target.name] else { continue }
                for (m, metric) in metrics.enumerated() {
                    let slot = t * metrics.count + m
                    scratch.removeAll(keepingCapacity: true)
                    for frame in target.frames {
                        let value = frame[metric]
                        if !value.isNaN { scratch.append(value) }
                    }
                    frameCounts[slot] += target.frames.count
                    nanCounts[slot] += target.frames.count - scratch.count
                    perTrack[slot].append(frames.aggregate(nonNaN: &scratch))
                }
            }
        }
        var result: [ScoreAggregate] = []
        for (t, target) in targets.enumerated() {
            for (m, metric) in metrics.enumerated() {
                let slot = t * metrics.count + m
                result.append(
                    ScoreAggregate(
                        method: name, target: target, metric: metric, value: trackAggregation(perTrack[slot]),
                        trackCount: perTrack[slot].count, scoredTrackCount: perTrack[slot].filter { !$0.isNaN }.count,
                        frameCount: frameCounts[slot], nanFrameCount: nanCounts[slot]))
            }
        }
        return result
    }
}
