import DSP
import SeededRandom
import XCTest

@testable import Augmentation

/// The quality contract of `timeStretch` / `pitchShift` on signals whose right answer is known.
final class PhaseVocoderQualityTests: XCTestCase {
    private let sampleRate = 44_100.0

    func testPitchShiftedToneKeepsLevelAndLandsOnTarget() throws {
        let count = 88_200
        let input = SignalMeasures.sine(frequency: 440, count: count, amplitude: 0.5)
        for semitones in [1.0, -1, 2, -2, 7, -7, 0.5] {
            let output = try pitchShift([input], semitones: semitones)[0]
            XCTAssertEqual(output.count, count)
            let middle = output[22_050..<66_150]
            let target = 440 * pow(2, semitones / 12)
            let cents = SignalMeasures.cents(SignalMeasures.dominantFrequency(middle), target)
            let level = SignalMeasures.decibels(SignalMeasures.rms(middle) / (0.5 / 2.0.squareRoot()))
            print("pitch \(semitones): \(cents) cents, level \(level) dB")
            XCTAssertLessThan(abs(cents), 1, "\(semitones) semitones")
            XCTAssertLessThan(abs(level), 0.5, "\(semitones) semitones")
        }
    }

    func testStretchedToneKeepsFrequencyAndLength() {
        let count = 88_200
        let input = SignalMeasures.sine(frequency: 523.25, count: count, amplitude: 0.5)
        for rate in [0.5, 0.8, 0.88, 1.12, 1.25, 2.0] {
            let output = timeStretch(input, rate: rate)
            XCTAssertEqual(output.count, Int((Double(count) / rate).rounded()), "rate \(rate)")
            let middle = output[(output.count / 4)..<(3 * output.count / 4)]
            let cents = SignalMeasures.cents(SignalMeasures.dominantFrequency(middle), 523.25)
            let level = SignalMeasures.decibels(SignalMeasures.rms(middle) / (0.5 / 2.0.squareRoot()))
            print("stretch \(rate): \(cents) cents, level \(level) dB")
            XCTAssertLessThan(abs(cents), 1, "rate \(rate)")
            XCTAssertLessThan(abs(level), 0.5, "rate \(rate)")
        }
    }

    func testStereoImageSurvives() throws {
        // A broadband source panned left (right at −6 dB) and delayed by 12 samples on the right.
        var generator = SplitMix64(seed: 7)
        var noise = (0..<66_150).map { _ in generator.nextUniform() * 2 - 1 }
        for i in 1..<noise.count { noise[i] = 0.7 * noise[i - 1] + 0.3 * noise[i] } // one-pole lowpass
        let delay = 12
        let left = noise
        let right = (0..<noise.count).map { $0 >= delay ? 0.5 * noise[$0 - delay] : 0 }
        for (rate, semitones) in [(0.85, 0.0), (1.15, 0.0), (1.0, 3.0), (1.0, -2.0)] {
            let output = try pitchShift([left, right], semitones: semitones, rate: rate)
            let l = output[0], r = output[1]
            let range = (l.count / 8)..<(7 * l.count / 8)
            let levelDifference = SignalMeasures.decibels(SignalMeasures.rms(r[range]) / SignalMeasures.rms(l[range]))
            let lag = SignalMeasures.lag(of: r, against: l, maxLag: 40)
            print("stereo rate \(rate) semitones \(semitones): ILD \(levelDifference) dB, lag \(lag)")
            XCTAssertEqual(levelDifference, SignalMeasures.decibels(0.5), accuracy: 0.5)
            // A time stretch keeps the delay exactly; a pitch shift resamples, which scales
            // every time interval, the inter-channel delay included, by 2^(-semitones/12)
            // (as a tape-speed change would).
            let expectedLag = Double(delay) * pow(2, -semitones / 12)
            XCTAssertLessThanOrEqual(abs(Double(lag) - expectedLag), 1, "the inter-channel delay must survive")
        }
    }

    func testClickTrainStaysSharp() {
        // Clicks (2 ms decaying noise bursts, like a hi-hat) over a sustained two-note
        // chord, so the frames have peaks to lock to and a plain vocoder would smear the
        // clicks. Measure: on the first difference (which keeps the clicks and removes
        // most of the chord), the share of the energy around each click (± half the
        // spacing) that lies within ± 2 ms of its peak.
        let spacing = 11_025, count = 12 * spacing
        var generator = SplitMix64(seed: 3)
        var signal = (0..<count).map {
            0.2 * sin(2 * Double.pi * 220 * Double($0) / 44_100)
                + 0.15 * sin(2 * Double.pi * 330 * Double($0) / 44_100)
        }
        let positions = stride(from: spacing / 2, to: count, by: spacing).map { $0 }
        for p in positions {
            for i in 0..<400 { signal[p + i] += 0.8 * (generator.nextUniform() * 2 - 1) * exp(-Double(i) / 88) }
        }
        func sharpness(_ y: [Double], rate: Double) -> Double {
            let difference = [0] + (1..<y.count).map { y[$0] - y[$0 - 1] }
            let expected = positions.map { Int(Double($0) / rate) }.dropFirst().dropLast()
            let values = SignalMeasures.clickConcentration(
                difference, expectedPositions: Array(expected), spacing: Int(Double(spacing) / rate), radius: 88)
            return values.reduce(0, +) / Double(values.count)
        }
        let original = sharpness(signal, rate: 1)
        for rate in [0.8, 1.25] {
            let ours = sharpness(timeStretch(signal, rate: rate), rate: rate)
            let withoutReset = sharpness(
                PhaseVocoder(fftSize: 2048, hop: 512, preservesTransients: false).stretch([signal], rate: rate)[0],
                rate: rate)
            print(
                "clicks rate \(rate): concentration \(ours), original \(original), without phase reset \(withoutReset)")
            XCTAssertGreaterThan(ours, 0.9 * original, "rate \(rate)")
            XCTAssertGreaterThan(ours, withoutReset + 0.05, "rate \(rate)")
            // Attacks land at their exact target time (input position / rate), ± 1 ms: no drift.
            let stretched = timeStretch(signal, rate: rate)
            for p in positions.dropFirst().dropLast() {
                let target = Int(Double(p) / rate)
                let window = (target - 2000)..<(target + 2000)
                let onset = window.first { abs(stretched[$0] - stretched[$0 - 1]) > 0.3 } ?? window.lowerBound
                XCTAssertLessThanOrEqual(abs(onset - target), 44, "attack at \(p), rate \(rate)")
            }
        }
    }

    func testIdentityIsBitExact() throws {
        let input = [SignalMeasures.sine(frequency: 300, count: 5000), SignalMeasures.sine(frequency: 700, count: 5000)]
        XCTAssertEqual(try pitchShift(input, semitones: 0, rate: 1), input)
        XCTAssertEqual(timeStretch(input, rate: 1), input)
    }
}
