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
