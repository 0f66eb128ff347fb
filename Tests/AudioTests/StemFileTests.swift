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

    /// A file cut short (the first 200 kB of the sample stem) still probes and decodes with
    /// exit status 0, to about a seventh of its stated 6.8 s: a whole-stream read is an
    /// error naming the file and the stream; a chunk inside what is there reads as it is.
    func testStreamCutShortIsAnError() throws {
        let original = try TestData.requireShared("musdb-sample/train/\(Self.trackName).stem.mp4")
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("Cut short.stem.mp4")
        try Data(try Data(contentsOf: original).prefix(200_000)).write(to: url)
        let stem = StemFile(url: url)
        let info = try stem.info()
        XCTAssertEqual(info.duration, 6.8)
        for stream in [0, 1, 4] {
            XCTAssertThrowsError(try stem.read(stream: stream, info: info)) { error in
                guard case .truncatedStream(url, stream, let decoded, 299_880)? = error as? AudioError else {
                    return XCTFail("expected truncatedStream for stream \(stream), got \(error)")
                }
                XCTAssertLessThan(decoded, 100_000)
                XCTAssertTrue("\(error)".hasPrefix(url.path + ": stream \(stream) is cut short"), "\(error)")
            }
        }
        XCTAssertThrowsError(try stem.read(stream: 1, start: 0.5, duration: 2, info: info))
        let chunk = try stem.read(stream: 1, start: 0.1, duration: 0.5, info: info)
        XCTAssertEqual(chunk, try StemFile(url: original).read(stream: 1, start: 0.1, duration: 0.5))
    }

    /// The stated length of a chunk: what is left after the seek, at most the duration, at
    /// the output rate; none when the container states no duration.
    func testStatedFramesFollowSeekDurationAndRate() {
        let stream = StemFileInfo.Stream(
            index: 1, codecType: "audio", codecName: "aac", sampleRate: 44100, channelCount: 2,
            durationTimestamps: 299_880, duration: 6.8, title: nil)
        XCTAssertEqual(StemFile.statedFrames(of: stream, start: nil, duration: nil, rate: 44100), 299_880)
        XCTAssertEqual(StemFile.statedFrames(of: stream, start: nil, duration: nil, rate: 22050), 149_940)
        XCTAssertEqual(StemFile.statedFrames(of: stream, start: 6, duration: 2, rate: 44100), 35_280)
        XCTAssertEqual(StemFile.statedFrames(of: stream, start: 1, duration: 2, rate: 44100), 88_200)
        XCTAssertEqual(StemFile.statedFrames(of: stream, start: 9, duration: nil, rate: 44100), 0)
        var unknown = stream
        unknown.duration = 0
        XCTAssertNil(StemFile.statedFrames(of: unknown, start: nil, duration: nil, rate: 44100))
        unknown.duration = 1e300
        XCTAssertNil(StemFile.statedFrames(of: unknown, start: nil, duration: nil, rate: 44100))
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
