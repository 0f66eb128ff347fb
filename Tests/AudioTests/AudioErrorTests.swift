import Foundation
import TestSupport
import XCTest

@testable import Audio

final class AudioErrorTests: XCTestCase {
    func testMissingFile() throws {
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("absent.wav")
        XCTAssertThrowsError(try AudioFile.read(url)) { error in
            XCTAssertEqual(error as? AudioError, .fileNotFound(url))
            XCTAssertEqual("\(error)", "\(url.path): no such audio file")
        }
    }

    func testZeroByteFile() throws {
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("vocals.wav")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
        XCTAssertThrowsError(try AudioFile.info(of: url)) { error in
            XCTAssertEqual(error as? AudioError, .emptyFile(url))
            XCTAssertTrue("\(error)".hasPrefix(url.path + ": the file is empty (0 bytes)"), "\(error)")
        }
    }

    func testTextFileNamedWAV() throws {
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("mixture.wav")
        try "this is not audio\n".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AudioFile.read(url)) { error in
            guard case .notAnAudioFile(let failing, _)? = error as? AudioError else {
                return XCTFail("expected notAnAudioFile, got \(error)")
            }
            XCTAssertEqual(failing, url)
            XCTAssertTrue("\(error)".hasPrefix(url.path + ": not an audio file"), "\(error)")
        }
    }

    /// Apostrophes, `&`, spaces and parentheses in paths reach libsndfile and ffmpeg intact.
    func testPathWithApostrophesAndAmpersand() throws {
        let folder = try TestData.temporaryDirectory(self).appendingPathComponent(
            "Juniper's Keep & Co (Live)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("Don't Stop & Go.wav")
        let buffer = codeBuffer(frames: 200, channels: 2, bits: 16)
        try AudioFile.write(buffer, to: url, format: .wav16)
        XCTAssertEqual(try AudioFile.read(url), buffer)
        let missing = folder.appendingPathComponent("It's & gone.wav")
        XCTAssertThrowsError(try AudioFile.read(missing)) { error in
            XCTAssertTrue("\(error)".contains("Juniper's Keep & Co (Live)/It's & gone.wav"), "\(error)")
        }
        // ffprobe gets the path as one argument (no shell), so it reports the file itself.
        XCTAssertThrowsError(try StemFile(url: url).read(stream: 3)) { error in
            XCTAssertEqual(error as? AudioError, .noSuchStream(url, index: 3, streamCount: 1))
            XCTAssertTrue("\(error)".contains("Don't Stop & Go.wav"), "\(error)")
        }
        XCTAssertEqual(try StemFile(url: url).read(stream: 0), buffer)
    }

    func testMessagesAreActionable() {
        XCTAssertTrue(AudioError.ffmpegMissing(program: "ffmpeg").description.contains("apt-get install ffmpeg"))
        let url = URL(fileURLWithPath: "/data/x.stem.mp4")
        XCTAssertEqual(
            AudioError.ffmpegFailed(url, program: "ffmpeg", status: 1, message: "Invalid data\n").description,
            "/data/x.stem.mp4: ffmpeg failed (exit status 1): Invalid data")
        XCTAssertEqual(
            AudioError.notAnAudioFile(url, reason: "r").errorDescription,
            AudioError.notAnAudioFile(url, reason: "r").description)
    }
}

/// Files cut short: libsndfile reads what is there as a shorter file and says so only in
/// its log; the reader makes it an error.
final class TruncatedFileTests: XCTestCase {
    /// Each fixture container cut to half its bytes is `truncatedFile`, for `info` and
    /// `read` alike, with the message naming the file; the whole file still reads.
    func testEveryContainerCutInHalfIsAnError() throws {
        let temp = try TestData.temporaryDirectory(self)
        for name in [
            "codes-pcm16.wav", "codes-pcm24.wav", "codes-float.wav", "codes-pcm16.aiff",
            "codes-pcm16.w64", "codes-pcm16.rf64"
        ] {
            let original = TestData.fixtures.appendingPathComponent("audio/\(name)")
            let bytes = try Data(contentsOf: original)
            XCTAssertEqual(try AudioFile.info(of: original).frameCount, 1000, name)
            let url = temp.appendingPathComponent("cut-" + name)
            try Data(bytes.prefix(bytes.count / 2)).write(to: url)
            XCTAssertThrowsError(try AudioFile.info(of: url), name) { error in
                guard case .truncatedFile(url, let stated, let present)? = error as? AudioError else {
                    return XCTFail("\(name): expected truncatedFile, got \(error)")
                }
                XCTAssertGreaterThan(stated - present, bytes.count / 3, name)
                XCTAssertTrue("\(error)".hasPrefix(url.path + ": the file is cut short"), "\(error)")
            }
            XCTAssertThrowsError(try AudioFile.read(url), name)
        }
    }

    /// A WAV whose sizes are the placeholders a writer to a pipe leaves (0xFFFFFFFF) states
    /// no length, and reads whole; so does one whose data chunk states a pad byte more.
    func testPlaceholderAndPadByteSizesStillRead() throws {
        let original = TestData.fixtures.appendingPathComponent("audio/codes-pcm16.wav")
        let expected = try AudioFile.read(original)
        var bytes = [UInt8](try Data(contentsOf: original))
        let data = try XCTUnwrap(Self.offset(of: "data", in: bytes))
        let temp = try TestData.temporaryDirectory(self)
        func variant(_ name: String, riff: UInt32, data size: UInt32) throws -> URL {
            Self.store(riff, at: 4, in: &bytes)
            Self.store(size, at: data + 4, in: &bytes)
            let url = temp.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url
        }
        let dataBytes = UInt32(bytes.count - data - 8)
        let streamed = try variant("streamed.wav", riff: 0xFFFF_FFFF, data: 0xFFFF_FFFF)
        XCTAssertEqual(try AudioFile.read(streamed), expected)
        let padded = try variant("padded.wav", riff: UInt32(bytes.count - 8 + 1), data: dataBytes + 1)
        XCTAssertEqual(try AudioFile.read(padded), expected)
    }

    /// A WAV whose writer was killed before closing it keeps the header written at open
    /// (RIFF size 8, data size 0), which libsndfile "fixes" by reading every byte after
    /// it: an error, for a header that is otherwise the fixture's.
    func testUnfinishedHeaderIsAnError() throws {
        let original = TestData.fixtures.appendingPathComponent("audio/codes-pcm16.wav")
        var bytes = [UInt8](try Data(contentsOf: original))
        let data = try XCTUnwrap(Self.offset(of: "data", in: bytes))
        Self.store(8, at: 4, in: &bytes)
        Self.store(0, at: data + 4, in: &bytes)
        let url = try TestData.temporaryDirectory(self).appendingPathComponent("killed while writing.wav")
        try Data(bytes).write(to: url)
        for read in [{ _ = try AudioFile.info(of: url) }, { _ = try AudioFile.read(url) }] {
            XCTAssertThrowsError(try read()) { error in
                XCTAssertEqual(error as? AudioError, .unfinishedFile(url))
                XCTAssertTrue("\(error)".hasPrefix(url.path + ": the file was never finished"), "\(error)")
            }
        }
    }

    func testSizeLinesOfTheLog() {
        let log = """
            File : x.wav
            RIFF : 176436 (should be 88214)
            WAVE
            bext : 12 (should be >= 602)
              Riff size : 176496 (should be 88244)
            data : 176400 (should be 88178)
            data : 176400
            End
            """
        XCTAssertEqual(
            SoundFileHandle.sizeLines(inLog: log),
            [
                .init(marker: "RIFF", stated: 176_436, present: 88_214),
                .init(marker: "Riff size", stated: 176_496, present: 88_244),
                .init(marker: "data", stated: 176_400, present: 88_178)
            ])
        XCTAssertTrue(SoundFileHandle.isCutShort(stated: 176_400, present: 88_178))
        XCTAssertFalse(SoundFileHandle.isCutShort(stated: 4_001, present: 4_000))
        XCTAssertFalse(SoundFileHandle.isCutShort(stated: 0xFFFF_FFFF, present: 4_000))
    }

    private static func offset(of marker: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(marker.utf8)
        return (12..<(bytes.count - 8)).first { Array(bytes[$0..<($0 + 4)]) == pattern }
    }

    private static func store(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }
}
