import SeededRandom

extension SampleDataset {
    /// Fisher–Yates with our own generator calls (the standard library's shuffle may change).
    static func shuffled<T>(_ items: [T], _ generator: inout SplitMix64) -> [T] {
        var items = items
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, generator.nextInt(in: 0...i))
        }
        return items
    }

    /// The four stems of track `index`, interleaved stereo 16-bit codes.
    func synthesizeTrack(_ index: Int) -> [Source: [Int16]] {
        var generator = SplitMix64(seed: seed &+ 0x5DEE_CE66_D1CE_4E5B &* UInt64(index + 1))
        let plan = TrackPlan(generator: &generator, seconds: seconds)
        let frames = frameCount
        var stems: [Source: [Double]] = [
            .vocals: synthesizeVocals(plan, frames: frames, generator: &generator),
            .drums: synthesizeDrums(plan, frames: frames, generator: &generator),
            .bass: synthesizeBass(plan, frames: frames),
            .other: synthesizeOther(plan, frames: frames)
        ]
        // Headroom: scale all stems together so the mixture peaks at 0.85 at most.
        var peak = 0.0
        for i in 0..<(2 * frames) {
            peak = max(peak, abs(stems[.vocals]![i] + stems[.drums]![i] + stems[.bass]![i] + stems[.other]![i]))
        }
        let scale = peak > 0.85 ? 0.85 / peak : 1
        var result = [Source: [Int16]]()
        for source in Source.allCases {
            result[source] = stems[source]!.map { Int16(($0 * scale * 32768).rounded(.toNearestOrEven)) }
        }
        stems.removeAll()
        return result
    }

    /// Tempo, key and chords of one track.
    struct TrackPlan {
        var beat: Double // seconds per beat
        var root: Int // MIDI note of the key's tonic (bass octave)
        var scale: [Int] // semitones of the scale degrees
        var progression: [Int] // scale degrees of the chords, one per bar

        init(generator: inout SplitMix64, seconds: Double) {
            beat = 60 / generator.nextUniform(in: 92...128)
            root = generator.nextInt(in: 36...43)
            scale = generator.nextInt(in: 0...1) == 0 ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10]
            let progressions = [[0, 4, 5, 3], [0, 5, 3, 4], [5, 3, 0, 4], [0, 3, 4, 0]]
            progression = progressions[generator.nextInt(in: 0...(progressions.count - 1))]
        }

        /// Semitones above `root` of scale degree `degree` (any integer, wrapping octaves).
        func semitones(_ degree: Int) -> Int {
            let octave = degree >= 0 ? degree / 7 : (degree - 6) / 7
            return scale[degree - 7 * octave] + 12 * octave
        }

        /// The chord degree at time `t`.
        func chord(at t: Double) -> Int { progression[Int(t / (4 * beat)) % progression.count] }
    }

    static func frequency(midi: Double) -> Double {
        440 * PortableMath.exp((midi - 69) / 12 * 0.6931471805599453)
    }

    /// Constant-power pan gains for position `p` in [-1, 1].
    static func pan(_ p: Double) -> (left: Double, right: Double) {
        let angle = (p + 1) * 0.7853981633974483
        return (PortableMath.sin(angle + 1.5707963267948966), PortableMath.sin(angle))
    }

    /// A melody of vibrato notes in phrases of 3–6 notes; pauses 0.2–0.6 s (never a whole second).
    func synthesizeVocals(_ plan: TrackPlan, frames: Int, generator: inout SplitMix64) -> [Double] {
        let rate = Double(sampleRate)
        var notes = [(start: Double, length: Double, midi: Double)]()
        var t = 0.05
        while t < seconds {
            for _ in 0..<generator.nextInt(in: 3...6) {
                let length = plan.beat * Double(generator.nextInt(in: 1...2))
                let degree = generator.nextInt(in: 0...9)
                notes.append((t, length, Double(plan.root + 24 + plan.semitones(degree))))
                t += length
            }
            t += generator.nextUniform(in: 0.2...0.6)
        }
        let (left, right) = Self.pan(-0.15)
        var out = [Double](repeating: 0, count: 2 * frames)
        for note in notes {
            let first = Int(note.start * rate), last = min(frames, Int((note.start + note.length) * rate))
            guard first < last else { continue }
            var phase = 0.0
            let base = Self.frequency(midi: note.midi)
            for i in first..<last {
                let local = Double(i - first) / rate
                let vibratoDepth = local < 0.15 ? local / 0.15 : 1
                let vibrato = 0.3 * vibratoDepth * PortableMath.sin(PortableMath.twoPi * 5.5 * local)
                let f = base * PortableMath.exp(vibrato / 12 * 0.6931471805599453)
                phase += PortableMath.twoPi * f / rate
                if phase > PortableMath.twoPi { phase -= PortableMath.twoPi }
                let remaining = Double(last - i) / rate
                let envelope = min(1, local / 0.03) * min(1, remaining / 0.06)
                let voice =
                    PortableMath.sin(phase) + 0.5 * PortableMath.sin(2 * phase) + 0.25 * PortableMath.sin(3 * phase)
                let sample = 0.11 * envelope * voice
                out[2 * i] += left * sample
                out[2 * i + 1] += right * sample
            }
        }
        return out
    }

    /// Kick on beats 1 and 3, a noise snare on 2 and 4, hi-hats on every eighth (panned right).
    func synthesizeDrums(_ plan: TrackPlan, frames: Int, generator: inout SplitMix64) -> [Double] {
        let rate = Double(sampleRate)
        var out = [Double](repeating: 0, count: 2 * frames)
        let eighths = Int(seconds / (plan.beat / 2)) + 1
        let (hatLeft, hatRight) = Self.pan(0.6)
        let (snareLeft, snareRight) = Self.pan(0.1)
        for step in 0..<eighths {
            let onset = Int(Double(step) * plan.beat / 2 * rate)
            guard onset < frames else { break }
            let beatInBar = (step / 2) % 4
            let onBeat = step % 2 == 0
            let length = min(frames - onset, Int(0.45 * rate))
            var kickPhase = 0.0
            var previousNoise = 0.0
            for k in 0..<length {
                let t = Double(k) / rate
                var leftSample = 0.0, rightSample = 0.0
                let noise = generator.nextUniform(in: -1...1)
                // Hi-hat: first difference of white noise (a crude high-pass), fast decay.
                let hat = 0.08 * (noise - previousNoise) * PortableMath.exp(-t / 0.025)
                previousNoise = noise
                leftSample += hatLeft * hat
                rightSample += hatRight * hat
                if onBeat && (beatInBar == 0 || beatInBar == 2) {
                    let f = 45 + 70 * PortableMath.exp(-t / 0.03)
                    kickPhase += PortableMath.twoPi * f / rate
                    let kick = 0.3 * PortableMath.sin(kickPhase) * PortableMath.exp(-t / 0.16)
                    leftSample += 0.707 * kick
                    rightSample += 0.707 * kick
                } else if onBeat {
                    let snare =
                        (0.12 * noise + 0.08 * PortableMath.sin(PortableMath.twoPi * 190 * t))
                        * PortableMath.exp(-t / 0.07)
                    leftSample += snareLeft * snare
                    rightSample += snareRight * snare
                }
                out[2 * (onset + k)] += leftSample
                out[2 * (onset + k) + 1] += rightSample
            }
        }
        return out
    }

    /// Chord roots and fifths on every beat, a few harmonics, decaying to a sustain.
    func synthesizeBass(_ plan: TrackPlan, frames: Int) -> [Double] {
        let rate = Double(sampleRate)
        var out = [Double](repeating: 0, count: 2 * frames)
        let (left, right) = Self.pan(0.05)
        var phase = 0.0
        for i in 0..<frames {
            let t = Double(i) / rate
            let beatIndex = Int(t / plan.beat)
            let inBeat = t - Double(beatIndex) * plan.beat
            let degree = plan.chord(at: t) + (beatIndex % 2 == 1 ? 4 : 0)
            let f = Self.frequency(midi: Double(plan.root + plan.semitones(degree)))
            phase += PortableMath.twoPi * f / rate
            if phase > PortableMath.twoPi { phase -= PortableMath.twoPi }
            let envelope = (0.45 + 0.55 * PortableMath.exp(-inBeat / 0.18)) * min(1, inBeat / 0.005)
            var wave = 0.0
            var weight = 1.0
            for h in 1...5 {
                wave += weight * PortableMath.sin(Double(h) * phase) / Double(h)
                weight *= 0.75
            }
            let sample = 0.13 * envelope * wave
            out[2 * i] += left * sample
            out[2 * i + 1] += right * sample
        }
        return out
    }

    /// Sustained triads, one chord per bar, with a gentle tremolo, panned left.
    func synthesizeOther(_ plan: TrackPlan, frames: Int) -> [Double] {
        let rate = Double(sampleRate)
        var out = [Double](repeating: 0, count: 2 * frames)
        let (left, right) = Self.pan(-0.5)
        var phases = [0.0, 0.0, 0.0]
        for i in 0..<frames {
            let t = Double(i) / rate
            let degree = plan.chord(at: t)
            let tremolo = 1 + 0.15 * PortableMath.sin(PortableMath.twoPi * 4 * t)
            var sample = 0.0
            for (voice, step) in [0, 2, 4].enumerated() {
                let f = Self.frequency(midi: Double(plan.root + 24 + plan.semitones(degree + step)))
                phases[voice] += PortableMath.twoPi * f / rate
                if phases[voice] > PortableMath.twoPi { phases[voice] -= PortableMath.twoPi }
                sample += PortableMath.sin(phases[voice]) + 0.3 * PortableMath.sin(2 * phases[voice])
            }
            let value = 0.045 * tremolo * sample
            out[2 * i] += left * value
            out[2 * i + 1] += right * value
        }
        return out
    }
}
