import Foundation
import TestSupport
import XCTest

@testable import MUSDB

final class ManifestTests: XCTestCase {
    /// The library's embedded copy is byte for byte the committed Manifests/musdb18.json.
    func testEmbeddedManifestEqualsCommittedFile() throws {
        let committed = try Data(contentsOf: TestData.packageRoot.appendingPathComponent("Manifests/musdb18.json"))
        XCTAssertEqual(
            Data(Manifest.musdb18JSON.utf8), committed,
            "run python3 Scripts/make_manifest.py to regenerate Sources/MUSDB/Manifest+MUSDB18Data.swift")
    }

    func testMUSDB18Contents() {
        let manifest = Manifest.musdb18
        XCTAssertEqual(manifest.tracks.count, 150)
        XCTAssertEqual(manifest.tracks.filter { $0.subset == .train }.count, 100)
        XCTAssertEqual(manifest.tracks.filter { $0.subset == .test }.count, 50)
        XCTAssertEqual(manifest.validationTrackNames.count, 14)
        XCTAssertTrue(manifest.validationTrackNames.contains("Johnny Lokke - Promises & Lies"))
        XCTAssertTrue(manifest.validationTrackNames.contains("ANiMAL - Rockshow"))
        XCTAssertEqual(manifest.tracks.compactMap(\.seconds).reduce(0, +), 12_435)
        XCTAssertTrue(manifest.tracks.allSatisfy { ($0.subset == .test) == ($0.seconds != nil) })
        XCTAssertTrue(manifest.tracks.allSatisfy { ($0.subset == .train) == ($0.split != nil) })
        let names = manifest.tracks.map(\.name)
        XCTAssertEqual(names, names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
        XCTAssertEqual(manifest.track(named: "AM Contra - Heart Peripheral")?.seconds, 209)
        XCTAssertEqual(manifest.sampleRate, 44100)
    }

    /// The manifest agrees with the CSV it was made from (when the shared data is there).
    func testManifestAgreesWithCSV() throws {
        let csv = try String(contentsOf: TestData.requireShared("musdb18-tracks.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 150)
        var valid = Set<String>()
        for row in rows {
            // Names hold no commas; the last six columns are simple.
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let entry = try XCTUnwrap(Manifest.musdb18.track(named: fields[0]), fields[0])
            XCTAssertEqual(entry.subset.rawValue, fields[1])
            XCTAssertEqual(entry.genre, fields[3])
            if fields[2] == "valid" { valid.insert(fields[0]) }
            XCTAssertEqual(entry.seconds, Int(fields[6]))
        }
        XCTAssertEqual(valid, Manifest.musdb18.validationTrackNames)
    }

    func testRoundTripThroughJSON() throws {
        let manifest = SampleDataset(trainTrackCount: 2, testTrackCount: 1, seconds: 2.5).manifest
        XCTAssertEqual(try Manifest(jsonData: manifest.jsonData()), manifest)
        XCTAssertEqual(manifest.tracks.compactMap(\.seconds), [2])
    }
}
