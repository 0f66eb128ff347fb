import Audio

/// Turns an `ExamplePlan` into audio: reads each source's excerpt, resamples it to the
/// set's rate if needed, applies swap, sign and gain, then the shared pitch/tempo change,
/// and trims or pads to the planned length.
public struct ExampleRenderer: Sendable {
    public let planner: ExamplePlanner
    public let loader: any ExampleSourceLoader

    public init(planner: ExamplePlanner, loader: any ExampleSourceLoader) {
        self.planner = planner
        self.loader = loader
    }

    /// The example of `plan`, before clipping protection and encoding.
    public func render(_ plan: ExamplePlan) throws -> Example {
        let rates = Dictionary(planner.tracks.map { ($0.name, $0.sampleRate) }, uniquingKeysWith: { a, _ in a })
        var sources = [[[Double]]]()
        for draw in plan.sources {
            var channels = try loader.load(
                source: draw.source, track: draw.track,
                frames: draw.offset..<(draw.offset + draw.frameCount))
            let trackRate = rates[draw.track] ?? plan.sampleRate
            if trackRate != plan.sampleRate {
                let ratio = Double(plan.sampleRate) / Double(trackRate)
                channels = try Resampler.resample(
                    channels, ratio: ratio, outputCount: Int((Double(draw.frameCount) * ratio).rounded()),
                    quality: .best)
            }
            sources.append(channels)
        }
        // Sources read from different tracks can differ by a frame after resampling.
        let shortest = sources.map { $0.first?.count ?? 0 }.min() ?? 0
        if sources.contains(where: { $0.contains { $0.count != shortest } }) {
            sources = sources.map { $0.map { Array($0.prefix(shortest)) } }
        }
        var example = try Example(
            sampleRate: plan.sampleRate, sourceNames: plan.sources.map(\.source), sources: sources)
        for (s, draw) in plan.sources.enumerated() {
            if draw.swap { example.swapChannels(ofSource: s) }
            if draw.flip { example.flipSign(ofSource: s) }
            example.applyGain(draw.gain, toSource: s)
        }
        example = try example.repitched(semitones: plan.semitones, rate: plan.rate)
        if example.frameCount != plan.frameCount { example = example.excerpt(start: 0, count: plan.frameCount) }
        return example
    }
}
