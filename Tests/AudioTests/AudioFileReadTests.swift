import Foundation
import TestSupport
import XCTest

@testable import Audio

final class AudioFileReadTests: XCTestCase {
    /// 16-bit reads are exactly k / 32768, computed here from the integer codes, and match
    /// Python soundfile.read(dtype='float64') bit for bit (SHA-256 of the float64 bytes).
    func testPCM16ReadsAsCodeOver32768LikeSoundfile() throws {
        let goldens = try AudioFormatGoldens.load()
        let url = TestData.fixtures.appendingPathComponent("audio/codes-pcm16.wav")
        let buffer = try AudioFile.read(url)
        let codes = AudioFormatGoldens.codes(frames: goldens.frames)
        XCTAssertEqual(buffer.channelCount, 2)
        XCTAssertEqual(buffer.frameCount, goldens.frames)
        for c in 0..<2 {
            for i in 0..<goldens.frames {
                XCTAssertEqual(buffer.channels[c][i], Double(codes[c][i]) / 32768, "channel \(c) frame \(i)")
            }
        }
        XCTAssertEqual(buffer.channels[0][0], -1.0)
        XCTAssertEqual(buffer.channels[1][0], 32767.0 / 32768.0)
        XCTAssertEqual(sha256(ofDoubles: buffer.interleaved), goldens.files["codes-pcm16.wav"]!.sha256Float64)
    }

    /// Every fixture format reads bit for bit as soundfile reads it.
    func testEveryFixtureFormatMatchesSoundfile() throws {
        let goldens = try AudioFormatGoldens.load()
        XCTAssertEqual(goldens.files.count, 7)
        for (name, golden) in goldens.files {
            let url = TestData.fixtures.appendingPathComponent("audio/\(name)")
            let buffer = try AudioFile.read(url)
            XCTAssertEqual([buffer.frameCount, buffer.channelCount], golden.shape, name)
            XCTAssertEqual(buffer.sampleRate, golden.rate, name)
            let interleaved = buffer.interleaved
            XCTAssertEqual(Array(interleaved.prefix(8)), golden.first, name)
            XCTAssertEqual(sha256(ofDoubles: interleaved), golden.sha256Float64, name)
            XCTAssertEqual(interleaved.reduce(0, +), golden.sum, accuracy: 1e-9, name)
        }
    }

    func testInfoReadsTheHeaderOnly() throws {
        let url = TestData.fixtures.appendingPathComponent("audio/codes-pcm24.wav")
        let info = try AudioFile.info(of: url)
        XCTAssertEqual(info.frameCount, 1000)
        XCTAssertEqual(info.sampleRate, 44100)
        XCTAssertEqual(info.channelCount, 2)
        XCTAssertEqual(info.formatName, "WAV (Microsoft)")
        XCTAssertEqual(info.encodingName, "Signed 24 bit PCM")
        XCTAssertEqual(info.duration, 1000.0 / 44100, accuracy: 1e-15)
        XCTAssertFalse(info.isPCM16)
        XCTAssertTrue(try AudioFile.info(of: TestData.fixtures.appendingPathComponent("audio/codes-pcm16.wav")).isPCM16)
        let flac = try AudioFile.info(of: TestData.fixtures.appendingPathComponent("audio/codes-pcm16.flac"))
        XCTAssertEqual(flac.formatName, "FLAC (Free Lossless Audio Codec)")
    }

    func testFrameRangeEqualsSliceOfWholeRead() throws {
        for name in ["codes-pcm16.wav", "codes-pcm24.wav", "codes-float.wav", "codes-pcm16.flac"] {
            let url = TestData.fixtures.appendingPathComponent("audio/\(name)")
            let whole = try AudioFile.read(url)
            for range in [0..<1000, 0..<1, 17..<517, 999..<1000, 500..<500] {
                XCTAssertEqual(try AudioFile.read(url, frames: range), whole.frames(range), "\(name) \(range)")
            }
            XCTAssertThrowsError(try AudioFile.read(url, frames: 990..<1010)) { error in
                XCTAssertEqual(error as? AudioError, .invalidFrameRange(url, requested: 990..<1010, frameCount: 1000))
                XCTAssertTrue("\(error)".contains(name))
            }
        }
    }

    func testFloatReadsEqualDoubleReadsRounded() throws {
        let url = TestData.fixtures.appendingPathComponent("audio/codes-pcm16.wav")
        let (floats, info) = try AudioFile.readInterleaved(url, as: Float.self)
        let doubles = try AudioFile.read(url).interleaved
        XCTAssertEqual(info.channelCount, 2)
        XCTAssertEqual(floats, doubles.map { Float($0) })
        let planar = try AudioFile.readPlanar(url, as: Float.self).channels
        XCTAssertEqual(planar, try AudioFile.read(url).floatChannels)
        XCTAssertEqual(
            try AudioFile.readPlanar(url, frames: 5..<9, as: Double.self).channels,
            try AudioFile.read(url, frames: 5..<9).channels)
        let slice = try AudioFile.readInterleaved(url, frames: 10..<20, as: Float.self).samples
        XCTAssertEqual(slice, Array(floats[20..<40]))
    }

    func testSharedSampleHQWAVIsPCM16() throws {
        let folder = try TestData.requireShared("musdb-sample/hq/train/Music Delta - 80s Rock")
        let info = try AudioFile.info(of: folder.appendingPathComponent("mixture.wav"))
        XCTAssertEqual(info.frameCount, 300_032)
        XCTAssertEqual(info.sampleRate, 44100)
        XCTAssertTrue(info.isPCM16)
    }
}
