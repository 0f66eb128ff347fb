import Foundation

extension PhaseVocoder {
    /// Where each analysis frame is centred in the input, and which frames restart the
    /// phase evolution, for a stretch of `inputCount` samples to `outputCount`.
    ///
    /// Transient preservation (as in Bonada 2000 and Rubber Band): around each detected
    /// attack the analysis hop equals the synthesis hop and the first such frame resets
    /// the rotations to zero, so every frame that overlaps the attack is copied with its
    /// own phases and the output there is the input merely shifted in time: the attack is
    /// reproduced exactly instead of being smeared over a frame. Each attack stays at its
    /// exact target time (input position / rate), so timing never drifts; the gaps between
    /// attacks are stretched a little more to make up the length.
    struct Schedule: Equatable {
        /// Analysis frame centres (input samples), one per synthesis frame.
        var analysisCentres: [Int]
        /// Frames whose rotation restarts at zero.
        var resets: [Bool]
    }

    func schedule(
        channels: [[Double]], rate: Double, outputCount: Int,
        firstFrame: Int, lastFrame: Int
    ) -> Schedule {
        let inputCount = channels[0].count
        let frameCount = lastFrame - firstFrame + 1
        // Frames whose window (± half) reaches an attack, with a hop of margin.
        let reach = Double(fftSize / 2 + hop)
        let attacks = preservesTransients ? Self.attacks(in: channels, block: max(64, hop / 4)) : []

        // A piecewise-linear map from output to input positions through anchor points.
        // Each kept attack at input t sits at output t / rate (no drift), inside a stretch
        // of slope 1 (unstretched) of ± reach; the gaps between take up the difference.
        // An attack is kept only if the gap before it keeps a sane rate (within 0.5…2 ×
        // the requested one) and room for two hops; greedy from left to right.
        var anchors: [(output: Double, input: Double, locked: Bool)] = [(0, 0, false)]
        for attack in attacks {
            let t = Double(attack.position)
            let start = (output: t / rate - reach, input: t - reach)
            let end = (output: t / rate + reach, input: t + reach)
            guard start.output > 0, start.input > 0, end.output < Double(outputCount), end.input < Double(inputCount)
            else { continue }
            let last = anchors[anchors.count - 1]
            let gapOutput = start.output - last.output, gapInput = start.input - last.input
            guard gapOutput >= Double(2 * hop), gapInput > 0 else { continue }
            let gapRate = gapInput / gapOutput
            guard gapRate > 0.5 * rate, gapRate < 2 * rate else { continue }
            anchors.append((start.output, start.input, true))
            anchors.append((end.output, end.input, false))
        }
        // The tail must keep a sane rate too; drop the last attack until it does.
        while anchors.count > 1 {
            let last = anchors[anchors.count - 1]
            let gapRate = (Double(inputCount) - last.input) / max(1, Double(outputCount) - last.output)
            if gapRate > 0.5 * rate, gapRate < 2 * rate { break }
            anchors.removeLast(2)
        }
        anchors.append((Double(outputCount), Double(inputCount), false))

        var centres = [Int](repeating: 0, count: frameCount)
        var resets = [Bool](repeating: false, count: frameCount)
        var segment = 0
        var wasLocked = false
        for index in 0..<frameCount {
            let output = Double((firstFrame + index) * hop)
            while segment + 2 < anchors.count, output >= anchors[segment + 1].output { segment += 1 }
            let from = anchors[segment], to = anchors[segment + 1]
            let locked = from.locked && output >= from.output
            let input: Double
            if locked {
                input = output + (from.input - from.output) // slope 1: hop-for-hop
            } else {
                input = from.input + (output - from.output) * (to.input - from.input) / (to.output - from.output)
            }
            centres[index] = Int(input.rounded())
            resets[index] = index == 0 || (locked && !wasLocked)
            wasLocked = locked
        }
        return Schedule(analysisCentres: centres, resets: resets)
    }

    /// Attack positions (input samples) and strengths: blocks whose high-frequency energy
    /// (of the first difference of the channel sum) jumps by more than 9 dB over the mean
    /// of the preceding ~50 ms, and is a local maximum, above a floor of −60 dB of the
    /// loudest block.
    static func attacks(in channels: [[Double]], block: Int) -> [(position: Int, strength: Double)] {
        let count = channels[0].count
        let blockCount = count / block
        guard blockCount > 3 else { return [] }
        var energy = [Double](repeating: 0, count: blockCount)
        var previous = 0.0
        for i in 0..<(blockCount * block) {
            var sample = 0.0
            for channel in channels { sample += channel[i] }
            let difference = sample - previous
            previous = sample
            energy[i / block] += difference * difference
        }
        let loudest = energy.max() ?? 0
        guard loudest > 0 else { return [] }
        let floor = loudest * 1e-6
        let history = max(2, (2048 + block - 1) / block)
        var result = [(position: Int, strength: Double)]()
        var runningSum = 0.0
        for b in 0..<blockCount {
            if b >= history { runningSum -= energy[b - history] }
            let mean = b > 0 ? runningSum / Double(min(b, history)) : 0
            let e = energy[b]
            let isPeak = (b == 0 || e >= energy[b - 1]) && (b + 1 == blockCount || e > energy[b + 1])
            if b > 0, isPeak, e > floor, e > 8 * mean {
                result.append((b * block, e / max(mean, floor)))
            }
            runningSum += e
        }
        return result
    }
}
