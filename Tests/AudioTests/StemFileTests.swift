import Foundation
import TestSupport
import XCTest

@testable import Audio

final class StemFileTests: XCTestCase {
    static let trackName = "Music Delta - 80s Rock"

    /// All five streams of the shared .stem.mp4, decoded with ffmpeg, equal the HQ WAVs
    /// (which ffmpeg 5.1 decoded from the same file) sample for sample.
    func testDecodedStreamsEqualTheHQWAVs() throws {
        let stem = StemFile(url: try TestData.requireShared("musdb-sample/train/\(Self.trackName).stem.mp4"))
        let folder = try TestData.requireShared("musdb-sample/hq/train/\(Self.trackName)")
        let info = try stem.info()
        XCTAssertEqual(info.audioStreamCount, 5)
        XCTAssertEqual(info.sampleRate, 44100)
        XCTAssertEqual(info.duration, 6.8)
        XCTAssertEqual(info.audioStreams.map(\.durationTimestamps), [299_880, 299_880, 299_880, 299_880, 299_880])
        for (stream, name) in [(0, "mixture"), (1, "drums"), (2, "bass"), (3, "other"), (4, "vocals")] {
            let decoded = try stem.read(stream: stream, info: info)
            let wav = try AudioFile.read(folder.appendingPathComponent("\(name).wav"))
            XCTAssertEqual(decoded.frameCount, 300_032, name)
            XCTAssertTrue(decoded == wav, "stream \(stream) differs from \(name).wav")
        }
        XCTAssertEqual(
            try stem.read(.vocals, info: info), try AudioFile.read(folder.appendingPathComponent("vocals.wav")))
    }

    /// A seek and duration cut the same frames as reading the whole stream and slicing
    /// round(µs · rate / 10⁶) as ffmpeg does.
    func testChunkIsASliceOfTheWholeStream() throws {
        let stem = StemFile(url: try TestData.requireShared("musdb-sample/train/\(Self.trackName).stem.mp4"))
        let info = try stem.info()
        let whole = try stem.read(stream: 4, info: info)
        let chunk = try stem.read(stream: 4, start: 0.3, duration: 1.5, info: info)
        XCTAssertEqual(chunk, whole.frames(13230..<(13230 + 66150)))
    }

    func testTimestampsAreFormattedLikePythonTimedelta() {
        XCTAssertEqual(StemFile.timestamp(0), "0:00:00")
        XCTAssertEqual(StemFile.timestamp(1), "0:00:01")
        XCTAssertEqual(StemFile.timestamp(0.3), "0:00:00.300000")
        XCTAssertEqual(StemFile.timestamp(1.0 / 3.0), "0:00:00.333333")
        XCTAssertEqual(StemFile.timestamp(3725.5), "1:02:05.500000")
    }

    func testMissingFFmpegSaysHowToInstallIt() throws {
        let saved = ProcessInfo.processInfo.environment["PATH"]
        setenv("PATH", "/nonexistent", 1)
        defer { if let saved { setenv("PATH", saved, 1) } }
        let url = TestData.fixtures.appendingPathComponent("audio/codes-pcm16.wav")
        XCTAssertThrowsError(try StemFile(url: url).info()) { error in
            XCTAssertEqual(error as? AudioError, .ffmpegMissing(program: "ffprobe"))
            XCTAssertTrue("\(error)".contains("apt-get install ffmpeg"), "\(error)")
        }
    }

    func testFFmpegFailureNamesTheFile() throws {
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("Bad & Broken's.stem.mp4")
        try "not an mp4".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try StemFile(url: url).info()) { error in
            guard case .ffmpegFailed(let failing, "ffprobe", _, _)? = error as? AudioError else {
                return XCTFail("expected ffmpegFailed, got \(error)")
            }
            XCTAssertEqual(failing, url)
            XCTAssertTrue("\(error)".hasPrefix(url.path + ": ffprobe failed"), "\(error)")
        }
        let empty = url.deletingLastPathComponent().appendingPathComponent("empty.stem.mp4")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        XCTAssertThrowsError(try StemFile(url: empty).read(.mixture)) { error in
            XCTAssertEqual(error as? AudioError, .emptyFile(empty))
        }
    }
}
