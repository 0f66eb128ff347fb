import Foundation
import TestSupport
import XCTest

@testable import Audio

final class AudioFileWriteTests: XCTestCase {
    /// Every format reads back exactly the codes it can represent.
    func testRoundTripOfEveryFormat() throws {
        let folder = try TestData.temporaryDirectory(self)
        let cases: [(AudioFileFormat, Int)] = [
            (.wav16, 16), (.wav24, 24), (.wavFloat32, 24), (.flac16, 16), (.flac24, 24)
        ]
        XCTAssertEqual(Set(cases.map(\.0)), Set(AudioFileFormat.allCases))
        for (format, bits) in cases {
            let buffer = codeBuffer(frames: 3000, channels: 2, bits: bits, rate: 48000)
            let url = folder.appendingPathComponent("round-trip-\(format.rawValue).\(format.fileExtension)")
            try AudioFile.write(buffer, to: url, format: format)
            XCTAssertEqual(try AudioFile.read(url), buffer, format.rawValue)
            XCTAssertEqual(try AudioFile.info(of: url).sampleRate, 48000)
        }
        // Mono and six channels too.
        for channels in [1, 6] {
            let buffer = codeBuffer(frames: 500, channels: channels, bits: 16)
            let url = folder.appendingPathComponent("channels-\(channels).wav")
            try AudioFile.write(buffer, to: url, format: .wav16)
            XCTAssertEqual(try AudioFile.read(url), buffer)
        }
        // Only the finished files remain: no temp files left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertFalse(names.contains { $0.hasPrefix(".") }, "\(names)")
    }

    /// Integer formats clip out-of-range samples to the extreme codes instead of wrapping.
    func testIntegerFormatsClip() throws {
        let folder = try TestData.temporaryDirectory(self)
        let buffer = AudioBuffer(sampleRate: 44100, channels: [[1.5, -1.5, 1.0, -1.0, 0.5]])
        let url = folder.appendingPathComponent("clip.wav")
        try AudioFile.write(buffer, to: url, format: .wav16)
        XCTAssertEqual(try AudioFile.read(url).channels[0], [32767.0 / 32768, -1, 32767.0 / 32768, -1, 0.5])
        try AudioFile.write(buffer, to: url, format: .wavFloat32)
        XCTAssertEqual(try AudioFile.read(url).channels[0], [1.5, -1.5, 1.0, -1.0, 0.5])
    }

    /// Writing over an existing file replaces it whole.
    func testOverwriteReplacesAtomically() throws {
        let folder = try TestData.temporaryDirectory(self)
        let url = folder.appendingPathComponent("take.wav")
        try AudioFile.write(codeBuffer(frames: 100, channels: 2, bits: 16), to: url, format: .wav16)
        let second = codeBuffer(frames: 40, channels: 1, bits: 16)
        try AudioFile.write(second, to: url, format: .wav16)
        XCTAssertEqual(try AudioFile.read(url), second)
    }

    /// NaN and infinities are refused for every format (no −1.0 clicks), naming the file,
    /// and leave no file, not even a temporary one.
    func testNonFiniteSamplesAreRefused() throws {
        let folder = try TestData.temporaryDirectory(self)
        for format in AudioFileFormat.allCases {
            let url = folder.appendingPathComponent("bad-\(format).wav")
            let buffer = AudioBuffer(sampleRate: 44_100, channels: [[0, .nan, 0.5], [.infinity, 0, -.infinity]])
            XCTAssertThrowsError(try AudioFile.write(buffer, to: url, format: format)) { error in
                XCTAssertEqual(error as? AudioError, .nonFiniteSamples(url, count: 3))
                XCTAssertEqual("\(error)", "\(url.path): not written: 3 NaN or infinite samples to write")
            }
            XCTAssertThrowsError(
                try AudioFile.writeInterleaved(
                    [Float(0), .nan], sampleRate: 8000, channelCount: 2,
                    to: url, format: format)
            ) { error in
                XCTAssertEqual(error as? AudioError, .nonFiniteSamples(url, count: 1))
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testWriteErrorsNameTheFile() throws {
        let folder = try TestData.temporaryDirectory(self)
        let url = folder.appendingPathComponent("no such folder/x.wav")
        XCTAssertThrowsError(
            try AudioFile.write(codeBuffer(frames: 10, channels: 1, bits: 16), to: url, format: .wav16)
        ) { error in
            XCTAssertTrue("\(error)".contains("no such folder/x.wav"), "\(error)")
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        XCTAssertThrowsError(
            try AudioFile.write(
                AudioBuffer(sampleRate: 44100, channels: []),
                to: folder.appendingPathComponent("empty.wav"), format: .wav16)
        ) { error in
            XCTAssertTrue("\(error)".contains("empty.wav"), "\(error)")
        }
    }
}
