import Audio
import Foundation
import TestSupport
import XCTest

@testable import MUSEval

/// `museval dir`: pairing by name, unpaired files, and the errors (stand-in kernel).
final class EvaluateDirTests: XCTestCase {
    typealias F = EvaluateTestFixtures

    private func tone(_ frequency: Double, frames: Int = 8000, rate: Int = 8000, channels: Int = 2) -> AudioBuffer {
        let samples = (0..<frames).map { 0.5 * sin(2 * Double.pi * frequency * Double($0) / Double(rate)) }
        return AudioBuffer(sampleRate: rate, channels: Array(repeating: samples, count: channels))
    }

    private func folders() throws -> (URL, URL) {
        let temp = try TestData.temporaryDirectory(self)
        let references = temp.appendingPathComponent("song"), estimates = temp.appendingPathComponent("est")
        for folder in [references, estimates] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return (references, estimates)
    }

    func testFilesArePairedByNameAndAliasNotByListingOrder() throws {
        let (references, estimates) = try folders()
        try AudioFile.write(tone(440), to: references.appendingPathComponent("vocals.wav"), format: .wav16)
        try AudioFile.write(tone(110), to: references.appendingPathComponent("bass.wav"), format: .wav16)
        try AudioFile.write(tone(220), to: references.appendingPathComponent("piano.wav"), format: .wav16)
        // The bass estimate is exact; the vocals estimate is a different tone, mono, as FLAC.
        try AudioFile.write(tone(110), to: estimates.appendingPathComponent("Bass.wav"), format: .wav16)
        try AudioFile.write(tone(445, channels: 1), to: estimates.appendingPathComponent("voice.flac"), format: .flac16)
        try AudioFile.write(tone(330), to: estimates.appendingPathComponent("guitar.wav"), format: .wav16)
        let result = try DirectoryEvaluation.evaluate(
            references: references, estimates: estimates,
            options: EvaluationOptions(window: 0.5, hop: 0.5),
            kernel: F.fakeKernel)
        XCTAssertEqual(result.scores.track, "song")
        XCTAssertEqual(result.scores.targets.map(\.name), ["vocals", "bass"])
        XCTAssertEqual(result.scores.targets[1].frames.map(\.sdr), [.infinity, .infinity], "exact bass estimate")
        XCTAssertLessThan(result.scores.targets[0].frames[0].sdr, 3)
        XCTAssertEqual(result.scores.targets[0].frames.map(\.time), [0, 0.5])
        XCTAssertEqual(Set(result.unpaired.map(\.lastPathComponent)), ["piano.wav", "guitar.wav"])
        XCTAssertEqual(result.adjustments, [.duplicatedMono(estimates.appendingPathComponent("voice.flac"))])
        XCTAssertTrue(DirectoryEvaluation.summary(of: result.scores).contains("bass            ==> SDR:     inf"))
    }

    func testNoPairsAndMismatchedReferencesAreErrors() throws {
        let (references, estimates) = try folders()
        try AudioFile.write(tone(440), to: references.appendingPathComponent("vocals.wav"), format: .wav16)
        try AudioFile.write(tone(440), to: estimates.appendingPathComponent("drums.wav"), format: .wav16)
        XCTAssertThrowsError(
            try DirectoryEvaluation.evaluate(references: references, estimates: estimates, kernel: F.fakeKernel)
        ) {
            XCTAssertEqual($0 as? EvaluationError, .noPairs(references: ["vocals"], estimates: ["drums"]))
        }
        try AudioFile.write(tone(110, frames: 7000), to: references.appendingPathComponent("drums.wav"), format: .wav16)
        try AudioFile.write(tone(440), to: estimates.appendingPathComponent("vocals.wav"), format: .wav16)
        XCTAssertThrowsError(
            try DirectoryEvaluation.evaluate(references: references, estimates: estimates, kernel: F.fakeKernel)
        ) {
            XCTAssertTrue("\($0)".contains("references must match"), "\($0)")
        }
        let empty = references.deletingLastPathComponent().appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertThrowsError(
            try DirectoryEvaluation.evaluate(references: empty, estimates: estimates, kernel: F.fakeKernel)
        ) {
            XCTAssertEqual($0 as? EvaluationError, .noAudioFiles(empty))
        }
    }
}
