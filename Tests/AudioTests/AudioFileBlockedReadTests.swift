import Foundation
import TestSupport
import XCTest

@testable import Audio

/// `AudioFile.readShaped` (blocks deinterleaved straight into the final arrays) against the
/// plain whole-file read it replaced, `readInterleaved`, kept as the oracle.
final class AudioFileBlockedReadTests: XCTestCase {
    /// A signal longer than several blocks, of an odd length, in every channel layout.
    func testBlockedReadEqualsTheWholeInterleavedRead() throws {
        let temp = try TestData.temporaryDirectory(self)
        let frames = 3 * AudioFile.blockFrames + 1237
        for channelCount in [1, 2, 3] {
            let channels: [[Double]] = (0..<channelCount).map { c in
                (0..<frames).map { f -> Double in
                    let tone = sin(Double(f) * 0.001 * Double(c + 1)) * 0.7
                    return tone + Double((f * 31 + c) % 17) / 1e3
                }
            }
            for format in [AudioFileFormat.wav16, .wavFloat32, .flac24] {
                let url = temp.appendingPathComponent(
                    "x\(channelCount)-\(format).\(format == .flac24 ? "flac" : "wav")")
                try AudioFile.write(AudioBuffer(sampleRate: 44100, channels: channels), to: url, format: format)
                let (samples, info) = try AudioFile.readInterleaved(url, as: Double.self)
                let oracle = AudioBuffer(
                    sampleRate: info.sampleRate, interleaved: samples, channelCount: info.channelCount)
                let (read, nonFinite) = try AudioFile.readShaped(url)
                XCTAssertEqual(read, oracle, "\(channelCount) channels, \(format)")
                XCTAssertEqual(nonFinite, 0)
                XCTAssertEqual(try AudioFile.read(url), oracle)
                let range = (AudioFile.blockFrames - 5)..<(2 * AudioFile.blockFrames + 3)
                XCTAssertEqual(
                    try AudioFile.read(url, frames: range), oracle.frames(range), "\(channelCount) channels, \(format)")
            }
        }
    }

    /// Padding, cutting and mono duplication while reading equal doing them afterwards.
    func testShapingWhileReadingEqualsShapingAfterwards() throws {
        let temp = try TestData.temporaryDirectory(self)
        let frames = 2 * AudioFile.blockFrames + 99
        let mono = AudioBuffer(sampleRate: 8000, channels: [(0..<frames).map { Double($0 % 1000) / 2048 - 0.25 }])
        let stereo = AudioBuffer(sampleRate: 8000, channels: [mono.channels[0], mono.channels[0].map { -$0 / 2 }])
        for (name, audio) in [("mono", mono), ("stereo", stereo)] {
            let url = temp.appendingPathComponent(name + ".wav")
            try AudioFile.write(audio, to: url, format: .wavFloat32)
            let plain = try AudioFile.read(url)
            for length in [0, 1, AudioFile.blockFrames, frames - 1, frames, frames + 1, 3 * frames + 7] {
                let (read, nonFinite) = try AudioFile.readShaped(url, frameCount: length, channelCount: 2)
                let padding = [Double](repeating: 0, count: max(0, length - frames))
                let kept: [[Double]] = plain.channels.map { Array($0.prefix(length)) + padding }
                XCTAssertEqual(read.channels, name == "mono" ? [kept[0], kept[0]] : kept, "\(name), \(length) frames")
                XCTAssertEqual(read.sampleRate, 8000)
                XCTAssertEqual(nonFinite, 0)
            }
        }
    }

    /// Non-finite samples are counted once per file sample, also in a cut tail and in a
    /// duplicated mono file.
    func testNonFiniteSamplesAreCountedInTheWholeFile() throws {
        let temp = try TestData.temporaryDirectory(self)
        var samples = [Double](repeating: 0.25, count: AudioFile.blockFrames + 10)
        samples[3] = .nan
        samples[AudioFile.blockFrames + 8] = .infinity
        let url = temp.appendingPathComponent("bad.wav")
        try NonFiniteWAV.write(AudioBuffer(sampleRate: 8000, channels: [samples]), to: url)
        XCTAssertEqual(try AudioFile.readShaped(url).nonFiniteCount, 2)
        XCTAssertEqual(try AudioFile.readShaped(url, frameCount: 100, channelCount: 2).nonFiniteCount, 2)
        XCTAssertEqual(try AudioFile.read(url).nonFiniteSampleCount, 2)
    }
}
