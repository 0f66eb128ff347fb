import Audio
import Foundation
import MUSDB
import Oracle
import TestSupport
import XCTest

@testable import OracleEvaluation

/// `OracleBatch` in process: a broken stem fails its track on the reference side and writes
/// nothing; a non-finite estimate is never written; healthy tracks are separated.
final class OracleBatchTests: XCTestCase {
    func testANaNStemFailsItsTrackAsAReferenceAndWritesNothing() throws {
        let temp = try TestData.temporaryDirectory(self)
        let root = temp.appendingPathComponent("musdb")
        try SampleDataset(trainTrackCount: 0, testTrackCount: 2, seconds: 1).write(to: root)
        let database = try Database(root: root, isWav: true)
        let broken = database.tracks[1]
        let vocals = try XCTUnwrap(broken.sourceURLs[.vocals])
        var audio = try AudioFile.read(vocals)
        audio.channels[1][100] = .nan
        try NonFiniteWAV.write(audio, to: vocals)

        let output = temp.appendingPathComponent("IRM2")
        let batch = OracleBatch(method: .irm2, output: output, force: false, separator: OracleMethod.irm2.separator)
        XCTAssertEqual(try batch.process(database.tracks[0]), .separated(notes: []))
        for target in OracleBatch.targetNames {
            let estimate = try AudioFile.read(
                batch.estimateFolders(for: database.tracks[0])[0]
                    .appendingPathComponent(target + ".wav"))
            XCTAssertTrue(estimate.channels.allSatisfy { $0.allSatisfy(\.isFinite) }, target)
        }
        XCTAssertThrowsError(try batch.process(broken)) { error in
            XCTAssertEqual(
                error as? OracleBatchError,
                .invalidReference(
                    .invalidStem(
                        track: broken.name, stem: "vocals",
                        url: vocals, fault: .nonFinite(count: 1))))
            XCTAssertEqual(
                "\(error)",
                "\(vocals.path): reference: the vocals stem of track '\(broken.name)' "
                    + "holds 1 NaN or infinite sample")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: batch.folder(for: broken, under: output).path))
    }

    func testANonFiniteEstimateIsAnErrorNamingTheTrack() {
        let good = Stem(name: "vocals", channels: [[0.1, 0.2]])
        let bad = Stem(name: "drums", channels: [[0.1, .nan]])
        XCTAssertNoThrow(try OracleBatch.requireFinite([good], track: "T"))
        XCTAssertThrowsError(try OracleBatch.requireFinite([good, bad], track: "T")) {
            XCTAssertEqual($0 as? OracleBatchError, .nonFiniteEstimate(track: "T", target: "drums", count: 1))
            XCTAssertTrue("\($0)".hasPrefix("track 'T': the oracle's drums estimate"), "\($0)")
        }
    }
}
