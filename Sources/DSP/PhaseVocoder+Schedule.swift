import Foundation

extension PhaseVocoder {
    /// Where each analysis frame is centred in the input, and which frames restart the
    /// phase evolution, for a stretch of `inputCount` samples to `outputCount`.
    ///
    /// Transient preservation (as in Bonada 2000 and Rubber Band): around each detected
    /// attack the analysis hop equals the synthesis hop and the first such frame resets
    /// the rotations to zero, so every frame that overlaps the attack is copied with its
    /// own phases and the output there is the input merely shifted in time: the attack is
    /// reproduced exactly instead of being smeared over a frame. The rest of the signal is
    /// stretched a little more to make up the length. Transient regions are limited to
    /// 40 % of the input (strongest attacks first) so dense percussion cannot starve the
    /// stretch elsewhere.
    struct Schedule: Equatable {
        /// Analysis frame centres (input samples), one per synthesis frame.
        var analysisCentres: [Int]
        /// Frames whose rotation restarts at zero.
        var resets: [Bool]
    }

    func schedule(channels: [[Double]], rate: Double, outputCount: Int,
                  firstFrame: Int, lastFrame: Int) -> Schedule {
        let inputCount = channels[0].count
        let half = fftSize / 2
        let frameCount = lastFrame - firstFrame + 1
        let margin = Int((Double(hop) * max(1, rate)).rounded(.up)) + hop
        let reach = half + margin

        var transients = preservesTransients ? Self.attacks(in: channels, block: max(64, hop / 4)) : []
        // Keep the strongest attacks whose locked regions fit in 40 % of the input.
        transients.sort { $0.strength > $1.strength }
        var kept = [Int]()
        var covered = 0
        for attack in transients {
            let added = 2 * reach - kept.reduce(0) { $0 + max(0, 2 * reach - abs($1 - attack.position)) }
            if Double(covered + max(0, added)) > 0.4 * Double(inputCount) { continue }
            kept.append(attack.position)
            covered += max(0, added)
        }
        kept.sort()
        // The stretch rate outside the locked regions that keeps the total length.
        var freeRate = rate
        if covered > 0 {
            let freeOutput = Double(outputCount - covered), freeInput = Double(inputCount - covered)
            let candidate = freeInput / freeOutput
            if freeOutput > 0, candidate > 0.5 * rate, candidate < 2 * rate { freeRate = candidate } else { kept = [] }
        }

        var centres = [Int](repeating: 0, count: frameCount)
        var resets = [Bool](repeating: false, count: frameCount)
        var position = Double(firstFrame * hop) * freeRate
        var locked = false
        var next = 0  // first kept attack not yet passed
        for index in 0..<frameCount {
            var centre = Int(position.rounded())
            while next < kept.count, kept[next] < centre - reach { next += 1 }
            let near = next < kept.count && abs(kept[next] - centre) < reach
            if near {
                if !locked { resets[index] = true }
                locked = true
            } else {
                locked = false
            }
            if index == 0 { resets[index] = true }
            centres[index] = centre
            if locked {
                centre += hop
                position = Double(centre)
            } else {
                position += Double(hop) * freeRate
            }
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
