import FileOutput
import Foundation
import TestSupport
import XCTest

/// `OutputFolder`, `AtomicFolder`, `TemporaryName` and `OutputDestination`.
final class OutputFolderTests: XCTestCase {
    private let files = FileManager.default

    private func names(in folder: URL) throws -> [String] {
        try files.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func testCreatesNestedFoldersAndRefusesAFileOnTheWay() throws {
        let root = try TestData.temporaryDirectory(self)
        let subset = root.appendingPathComponent("OUT/test")
        try OutputFolder.create(subset)
        try OutputFolder.create(subset) // again: fine
        XCTAssertEqual(try FileKind.of(subset.path), .folder)

        let file = root.appendingPathComponent("OUT/test/track.json")
        try AtomicFile.write("{}", to: file)
        XCTAssertThrowsError(try OutputFolder.create(file.appendingPathComponent("deeper"))) { error in
            XCTAssertEqual("\(error)", "\(file.path): is a file, not a folder")
        }
        XCTAssertThrowsError(try OutputFolder.validate(file)) { error in
            XCTAssertEqual((error as? FileOutputError)?.reason, .isFile)
            XCTAssertEqual((error as? FileOutputError)?.path, file.path)
        }
    }

    func testValidateCreatesNothing() throws {
        let root = try TestData.temporaryDirectory(self)
        try OutputFolder.validate(root.appendingPathComponent("new/deeper"))
        XCTAssertEqual(try names(in: root), [])
        try OutputFolder.validate(URL(fileURLWithPath: "relative/output"))
        XCTAssertNil(try FileKind.of("relative"))
    }

    func testAtomicFolderReplacesAnOlderFolderWhole() throws {
        let root = try TestData.temporaryDirectory(self)
        let track = root.appendingPathComponent("IRM2/test/song")
        try AtomicFolder.write(to: track) { staging in
            try AtomicFile.write("v1", to: staging.appendingPathComponent("vocals.wav"))
            try AtomicFile.write("old", to: staging.appendingPathComponent("stale.wav"))
        }
        try AtomicFolder.write(to: track) { staging in
            XCTAssertNotEqual(staging.path, track.path)
            XCTAssertEqual(staging.deletingLastPathComponent().path, track.deletingLastPathComponent().path)
            try AtomicFile.write("v2", to: staging.appendingPathComponent("vocals.wav"))
        }
        XCTAssertEqual(try names(in: track), ["vocals.wav"])
        XCTAssertEqual(try String(contentsOf: track.appendingPathComponent("vocals.wav"), encoding: .utf8), "v2")
        XCTAssertEqual(try names(in: track.deletingLastPathComponent()), ["song"], "no staging or old folder left")
    }

    func testAFailedFolderWriteLeavesTheOldFolderAndNoStaging() throws {
        struct DiskFull: Error {}
        let root = try TestData.temporaryDirectory(self)
        let track = root.appendingPathComponent("song")
        try AtomicFolder.write(to: track) { try AtomicFile.write("v1", to: $0.appendingPathComponent("vocals.wav")) }
        XCTAssertThrowsError(
            try AtomicFolder.write(to: track) { staging in
                try AtomicFile.write("v2", to: staging.appendingPathComponent("vocals.wav"))
                throw DiskFull()
            }
        ) { XCTAssertTrue($0 is DiskFull) }
        XCTAssertEqual(try names(in: root), ["song"])
        XCTAssertEqual(try String(contentsOf: track.appendingPathComponent("vocals.wav"), encoding: .utf8), "v1")

        let file = root.appendingPathComponent("file")
        try AtomicFile.write("x", to: file)
        XCTAssertThrowsError(try AtomicFolder.write(to: file) { _ in }) { error in
            XCTAssertEqual("\(error)", "\(file.path): is a file, not a folder")
        }
        XCTAssertEqual(try names(in: root), ["file", "song"])
    }

    func testRemoveStaleRemovesOnlyThisTargetsTemporaries() throws {
        let root = try TestData.temporaryDirectory(self)
        let target = root.appendingPathComponent("a.json")
        let staleFile = TemporaryName.url(beside: target), staleFolder = TemporaryName.url(beside: target)
        try "{".write(to: staleFile, atomically: false, encoding: .utf8)
        try files.createDirectory(at: staleFolder, withIntermediateDirectories: false)
        let other = TemporaryName.url(beside: root.appendingPathComponent("b.json"))
        try "{".write(to: other, atomically: false, encoding: .utf8)
        XCTAssertTrue(staleFile.lastPathComponent.hasPrefix(".a.json."))
        XCTAssertTrue(staleFile.lastPathComponent.hasSuffix(TemporaryName.suffix))
        XCTAssertNotEqual(staleFile, staleFolder)

        TemporaryName.removeStale(for: target)
        XCTAssertEqual(try names(in: root), [other.lastPathComponent])
        XCTAssertFalse(TemporaryName.isTemporary("a.json", of: "a.json"))
        XCTAssertFalse(TemporaryName.isTemporary(".a.json.part", of: "a.json"))
    }

    func testDashIsStandardOutput() {
        XCTAssertEqual(OutputDestination(path: "-"), .standardOutput)
        XCTAssertTrue(OutputDestination(path: "-").isStandardOutput)
        XCTAssertEqual(OutputDestination(path: "/tmp/x.json"), .file(URL(fileURLWithPath: "/tmp/x.json")))
        XCTAssertEqual(OutputDestination(path: "./-"), .file(URL(fileURLWithPath: "./-")))
        XCTAssertEqual(OutputDestination.standardOutput.description, "standard output")
    }

    func testWritesAFileDestinationAtomically() throws {
        let root = try TestData.temporaryDirectory(self)
        let url = root.appendingPathComponent("scores.csv")
        try OutputDestination.file(url).write("a,b\n")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a,b\n")
        XCTAssertEqual(try names(in: root), ["scores.csv"])
    }
}
