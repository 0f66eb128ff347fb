import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

@testable import MUSEval
@testable import ScoreFiles

/// Estimates as separators write them: other rates, mono, FLAC, other lengths.
final class EvaluateInputTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    func testLengthsArePaddedOrTruncatedAsMusevalDoes() throws {
        let url = URL(fileURLWithPath: "/x/vocals.wav")
        let short = AudioBuffer(sampleRate: 8000, channels: [[1, 2, 3], [4, 5, 6]])
        let (padded, padding) = try EstimateLoading.adjust(
            short, from: url, sampleRate: 8000, channelCount: 2, frameCount: 5)
        XCTAssertEqual(padded.channels, [[1, 2, 3, 0, 0], [4, 5, 6, 0, 0]])
        XCTAssertEqual(padding, [.padded(url, frames: 2)])
        let (cut, cutting) = try EstimateLoading.adjust(
            short, from: url, sampleRate: 8000, channelCount: 2, frameCount: 2)
        XCTAssertEqual(cut.channels, [[1, 2], [4, 5]])
        XCTAssertEqual(cutting, [.truncated(url, frames: 1)])
        XCTAssertEqual(
            try EstimateLoading.adjust(short, from: url, sampleRate: 8000, channelCount: 2, frameCount: 3).1, [])
    }

    func testMonoIsDuplicatedAndOtherChannelCountsRejected() throws {
        let url = URL(fileURLWithPath: "/x/bass.wav")
        let mono = AudioBuffer(sampleRate: 8000, channels: [[0.5, -0.25]])
        let (stereo, changes) = try EstimateLoading.adjust(
            mono, from: url, sampleRate: 8000, channelCount: 2, frameCount: 2)
        XCTAssertEqual(stereo.channels, [[0.5, -0.25], [0.5, -0.25]])
        XCTAssertEqual(changes, [.duplicatedMono(url)])
        XCTAssertTrue("\(changes[0])".contains("/x/bass.wav"))
        let three = AudioBuffer(sampleRate: 8000, channels: [[0], [0], [0]])
        XCTAssertThrowsError(
            try EstimateLoading.adjust(three, from: url, sampleRate: 8000, channelCount: 2, frameCount: 1)
        ) {
            XCTAssertEqual($0 as? TrackEvaluationError, .channelMismatch(url, channels: 3, expected: 2))
        }
        let infinite = AudioBuffer(sampleRate: 8000, channels: [[.infinity, .nan], [0, 1]])
        XCTAssertThrowsError(
            try EstimateLoading.adjust(infinite, from: url, sampleRate: 8000, channelCount: 2, frameCount: 2)
        ) {
            XCTAssertEqual($0 as? TrackEvaluationError, .nonFinite(url, count: 2))
        }
    }

    func testSilenceIsTheChannelSumBeingZero() {
        XCTAssertTrue(
            EstimateLoading.isSilent(AudioBuffer(sampleRate: 1, channels: [[0.5, -1], [-0.5, 1]])),
            "L = −R is silent for museval")
        XCTAssertFalse(EstimateLoading.isSilent(AudioBuffer(sampleRate: 1, channels: [[0, 0], [0, 1e-9]])))
    }

    func testOtherRatesMonoFLACAndLengthsAreAdjustedAndReported() async throws {
        let temp = try TestData.temporaryDirectory(self)
        let database = try F.dataset(in: temp, train: 1, test: 1, seconds: 3)
        let estimates = temp.appendingPathComponent("estimates")
        try F.writeEstimates(database, to: estimates, targets: F.fourStems) { "\($0.name)/\($1)" }
        let track = database.tracks[0]
        let folder = estimates.appendingPathComponent(track.name)
        func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

        // vocals at 22.05 kHz, drums mono, bass as FLAC, other 1000 frames too long.
        let vocals = try AudioFile.read(url("vocals.wav"))
        try AudioFile.write(try vocals.resampled(to: 22050), to: url("vocals.wav"), format: .wavFloat32)
        let drums = try AudioFile.read(url("drums.wav"))
        try AudioFile.write(drums.mixedToMono(), to: url("drums.wav"), format: .wav16)
        let bass = try AudioFile.read(url("bass.wav"))
        try FileManager.default.removeItem(at: url("bass.wav"))
        try AudioFile.write(bass, to: url("bass.flac"), format: .flac16)
        let other = try AudioFile.read(url("other.wav"))
        try AudioFile.write(
            AudioBuffer(sampleRate: 44100, channels: other.channels.map { $0 + [Double](repeating: 0.1, count: 1000) }),
            to: url("other.wav"), format: .wav16)
        // The other track: every estimate 500 frames short.
        let second = estimates.appendingPathComponent(database.tracks[1].name)
        for name in ["vocals", "drums", "bass", "other"] {
            let file = second.appendingPathComponent(name + ".wav")
            let audio = try AudioFile.read(file)
            try AudioFile.write(audio.frames(0..<(audio.frameCount - 500)), to: file, format: .wav16)
        }

        let (report, _) = try await F.run(database, estimates: estimates, output: temp.appendingPathComponent("out"))
        XCTAssertTrue(report.succeeded, report.summary)
        let adjusted = report.outcomes[0].adjustments
        XCTAssertTrue(adjusted.contains(.resampled(url("vocals.wav"), from: 22050, to: 44100)), "\(adjusted)")
        XCTAssertTrue(adjusted.contains(.duplicatedMono(url("drums.wav"))), "\(adjusted)")
        XCTAssertTrue(adjusted.contains(.truncated(url("other.wav"), frames: 1000)), "\(adjusted)")
        XCTAssertEqual(adjusted.count, 3, "FLAC needs no adjustment: \(adjusted)")
        XCTAssertEqual(report.outcomes[1].adjustments.count, 4)
        XCTAssertTrue(
            report.outcomes[1].adjustments.allSatisfy {
                if case .padded(_, 500) = $0 { return true }; return false
            })

        let scores = try TrackScores(contentsOf: report.outcomes[0].output)
        // The FLAC (lossless) bass scores exactly as a WAV would; mono drums and resampled vocals still score.
        let reference = try await F.run(database, estimates: estimates, output: temp.appendingPathComponent("out2")).0
        XCTAssertEqual(reference.upToDate.count + reference.scored.count, 2)
        for target in scores.targets {
            XCTAssertTrue(target.frames.allSatisfy { $0.sdr.isFinite }, target.name)
        }
        let bassSDR = scores[target: "bass"]!.frames[0].sdr
        let exact = try EstimateLoading.load(
            url("bass.flac"), sampleRate: 44100, channelCount: 2, frameCount: track.frameCount
        ).0
        XCTAssertEqual(exact.channels, bass.channels, "FLAC 16 round-trips the 16-bit WAV exactly")
        XCTAssertGreaterThan(bassSDR, 5)
    }
}
