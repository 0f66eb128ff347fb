import Audio
import Foundation
import TestSupport
import XCTest

@testable import MUSDB

/// What `musdb list`, `info`, `load` and `verify` print for a track, from the library.
final class TrackSummaryTests: XCTestCase {
    private func database() throws -> Database {
        let root = try TestData.temporaryDirectory(self).appendingPathComponent("sample")
        try SampleDataset(trainTrackCount: 1, testTrackCount: 1, seconds: 1).write(to: root)
        return try Database(root: root, isWav: true)
    }

    func testListLinesAndJSON() throws {
        let tracks = try database().tracks
        XCTAssertEqual(
            TrackSummary.listLine(index: 0, track: tracks[0]), "  0  train/train     1.00 s  " + tracks[0].name)
        XCTAssertEqual(
            TrackSummary.listLine(index: 12, track: tracks[1]),
            " 12  test" + String(repeating: " ", count: 12) + "1.00 s  " + tracks[1].name)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: TrackSummary.listJSON(tracks)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(Set(rows[0].keys), ["name", "artist", "title", "subset", "split", "rate", "frames", "duration"])
        XCTAssertEqual(rows[0]["split"] as? String, "train")
        XCTAssertTrue(rows[1]["split"] is NSNull)
        XCTAssertEqual(rows[1]["frames"] as? Int, 44_100)
    }

    func testInfoHeaderAndStemsEachOnTheirOwn() throws {
        let track = try database().tracks[1]
        let header = TrackSummary.infoHeader(track)
        XCTAssertEqual(header.first, "track:    \(track.name)")
        XCTAssertEqual(header.last, "frames:   44100    duration: 1.000000 s")
        XCTAssertTrue(header.contains("layout:   MUSDB18-HQ (WAV)"), "\(header)")

        // Indexed again once the bass is gone and the drums are broken.
        try FileManager.default.removeItem(at: XCTUnwrap(track.sourceURLs[.bass]))
        try Data("not audio".utf8).write(to: XCTUnwrap(track.sourceURLs[.drums]))
        let reindexed = try Database(
            root: track.path.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent(), isWav: true
        ).tracks[1]
        XCTAssertNil(reindexed.sourceURLs[.bass])
        let stems = TrackSummary.stems(of: reindexed)
        XCTAssertEqual(stems.map(\.name), ["mixture", "vocals", "drums", "bass", "other"])
        XCTAssertTrue(stems[0].line.hasPrefix("  mixture      44100 frames  2 ch  peak "), stems[0].line)
        XCTAssertEqual(stems[3].line, "  bass     missing")
        XCTAssertNil(stems[3].error, "a missing source is not an error")
        XCTAssertNotNil(stems[2].error)
        XCTAssertTrue(stems[2].line.hasPrefix("  drums    error: "), stems[2].line)
        XCTAssertEqual(stems.compactMap(\.error).count, 1)
    }

    func testLevelsAndLoadLine() throws {
        XCTAssertEqual(TrackSummary.dBFS(1), "  0.00 dBFS")
        XCTAssertEqual(TrackSummary.dBFS(0.5), " -6.02 dBFS")
        XCTAssertEqual(TrackSummary.dBFS(0), "  -inf dBFS")
        let track = try database().tracks[0]
        let mixture = AudioBuffer(sampleRate: 44_100, channels: [[0.5, 0.25], [0, 0]])
        let line = TrackSummary.loadLine(track: track, mixture: mixture, targets: ["vocals": mixture, "bass": mixture])
        XCTAssertEqual(line, "\(track.name)\t2x2\t2 targets\tsum 1.500000")
    }

    func testVerifyLine() {
        let exact = VerificationReport.TrackResult(
            name: "A - B", subset: .test, frameCount: 441_000, mixtureErrorDB: -.infinity)
        XCTAssertEqual(
            exact.line,
            "test  A - B" + String(repeating: " ", count: 35) + " frames    441000  mixture − Σ stems: exact")
        let unread = VerificationReport.TrackResult(name: "C", subset: .train, frameCount: nil, mixtureErrorDB: -31.25)
        XCTAssertTrue(unread.line.hasSuffix(" frames         ?  mixture − Σ stems: -31.2 dB"), unread.line)
        let skipped = VerificationReport.TrackResult(name: "C", subset: .train, frameCount: 1, mixtureErrorDB: nil)
        XCTAssertTrue(skipped.line.hasSuffix("mixture − Σ stems: -"), skipped.line)
    }
}
