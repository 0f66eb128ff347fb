import FileOutput
import Foundation
import TestSupport
import XCTest

/// `AtomicFile`: replacing files through links, refusing what is not a regular file, and
/// leaving nothing behind after a failure.
final class AtomicFileTests: XCTestCase {
    private let files = FileManager.default

    private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The names in `folder`, hidden ones included, sorted.
    private func names(in folder: URL) throws -> [String] {
        try files.contentsOfDirectory(atPath: folder.path).sorted()
    }

    private func assertRefused(_ url: URL, saying words: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try AtomicFile.write("new", to: url), file: file, line: line) { error in
            XCTAssertTrue(error is FileOutputError, "\(type(of: error))", file: file, line: line)
            XCTAssertEqual("\(error)", "\(url.path): \(words)", file: file, line: line)
            XCTAssertEqual(error.localizedDescription, "\(url.path): \(words)", file: file, line: line)
        }
    }

    func testWritesAndReplacesARegularFileLeavingNoTemporary() throws {
        let folder = try TestData.temporaryDirectory(self)
        let url = folder.appendingPathComponent("board.json")
        try AtomicFile.write("old", to: url)
        try AtomicFile.write(Data("new".utf8), to: url)
        XCTAssertEqual(try text(url), "new")
        XCTAssertEqual(try names(in: folder), ["board.json"])
    }

    func testWritesThroughAnAbsoluteAndARelativeLinkChainAndKeepsTheLinks() throws {
        let folder = try TestData.temporaryDirectory(self)
        let real = folder.appendingPathComponent("data/real.json")
        try files.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "old".write(to: real, atomically: false, encoding: .utf8)
        let relative = folder.appendingPathComponent("relative.json")
        try files.createSymbolicLink(atPath: relative.path, withDestinationPath: "data/real.json")
        let absolute = folder.appendingPathComponent("links/absolute.json")
        try files.createDirectory(at: absolute.deletingLastPathComponent(), withIntermediateDirectories: true)
        try files.createSymbolicLink(atPath: absolute.path, withDestinationPath: relative.path) // link to a link

        try AtomicFile.write("through relative", to: relative)
        XCTAssertEqual(try text(real), "through relative")
        XCTAssertEqual(try files.destinationOfSymbolicLink(atPath: relative.path), "data/real.json")

        try AtomicFile.write("through absolute", to: absolute)
        XCTAssertEqual(try text(real), "through absolute")
        XCTAssertEqual(try files.destinationOfSymbolicLink(atPath: absolute.path), relative.path)
        XCTAssertEqual(try files.destinationOfSymbolicLink(atPath: relative.path), "data/real.json")
        XCTAssertEqual(try names(in: folder.appendingPathComponent("data")), ["real.json"], "no temporary left")
        XCTAssertEqual(try AtomicFile.resolveLinks(absolute).path, real.path)
    }

    func testADanglingLinkWritesTheFileItPointsTo() throws {
        let folder = try TestData.temporaryDirectory(self)
        let link = folder.appendingPathComponent("link.json")
        try files.createSymbolicLink(atPath: link.path, withDestinationPath: "target.json")
        try AtomicFile.write("made", to: link)
        XCTAssertEqual(try text(folder.appendingPathComponent("target.json")), "made")
        XCTAssertEqual(try files.destinationOfSymbolicLink(atPath: link.path), "target.json")

        let nowhere = folder.appendingPathComponent("nowhere.json")
        try files.createSymbolicLink(atPath: nowhere.path, withDestinationPath: "missing/target.json")
        assertRefused(nowhere, saying: "the folder does not exist")
    }

    func testALinkLoopIsRefused() throws {
        let folder = try TestData.temporaryDirectory(self)
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try files.createSymbolicLink(atPath: a.path, withDestinationPath: "b")
        try files.createSymbolicLink(atPath: b.path, withDestinationPath: "a")
        XCTAssertThrowsError(try AtomicFile.write("x", to: a)) { error in
            XCTAssertEqual((error as? FileOutputError)?.reason, .system(errno: ELOOP), "\(error)")
        }
    }

    func testRefusesDevicesFIFOsAndFolders() throws {
        assertRefused(
            URL(fileURLWithPath: "/dev/null"),
            saying: "is a character device, not a regular file; use - for standard output")
        XCTAssertEqual(try FileKind.of("/dev/null"), .characterDevice, "/dev/null is still the device")

        let folder = try TestData.temporaryDirectory(self)
        let fifo = folder.appendingPathComponent("pipe")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        assertRefused(fifo, saying: "is a FIFO (named pipe), not a regular file; use - for standard output")
        let linkToFifo = folder.appendingPathComponent("pipe-link")
        try files.createSymbolicLink(atPath: linkToFifo.path, withDestinationPath: "pipe")
        assertRefused(linkToFifo, saying: "is a FIFO (named pipe), not a regular file; use - for standard output")

        let sub = folder.appendingPathComponent("sub")
        try files.createDirectory(at: sub, withIntermediateDirectories: false)
        assertRefused(sub, saying: "is a folder")
        XCTAssertEqual(try names(in: folder), ["pipe", "pipe-link", "sub"], "no temporary left")
        XCTAssertEqual(try FileKind.of(fifo.path), .fifo)
    }

    func testDevStdoutIsRefusedAndStaysALink() throws {
        let stdout = URL(fileURLWithPath: "/dev/stdout")
        let before = try files.destinationOfSymbolicLink(atPath: stdout.path)
        XCTAssertThrowsError(try AtomicFile.write("x", to: stdout)) { error in
            let reason = (error as? FileOutputError)?.reason
            // Whatever the test's standard output is (pipe, terminal, file, /dev/null).
            switch reason {
            case .descriptorLink?, .notRegularFile?: break
            default: XCTFail("unexpected \(error)")
            }
            XCTAssertTrue("\(error)".hasSuffix("use - for standard output"), "\(error)")
        }
        XCTAssertEqual(try files.destinationOfSymbolicLink(atPath: stdout.path), before)
    }

    func testAParentThatIsAFileOrMissingIsWordedAndNothingIsLeft() throws {
        let folder = try TestData.temporaryDirectory(self)
        let plain = folder.appendingPathComponent("plain")
        try AtomicFile.write("I am a file", to: plain)
        assertRefused(plain.appendingPathComponent("board.json"), saying: "a part of the path is not a folder")
        assertRefused(folder.appendingPathComponent("missing/board.json"), saying: "the folder does not exist")
        XCTAssertEqual(try names(in: folder), ["plain"])
        XCTAssertEqual(try text(plain), "I am a file")
    }

    func testAFailingProducerLeavesTheOldFileAndNoTemporary() throws {
        struct Refusal: Error, Equatable {}
        let folder = try TestData.temporaryDirectory(self)
        let url = folder.appendingPathComponent("stems.wav")
        try AtomicFile.write("old", to: url)
        var temporaryPath: String?
        XCTAssertThrowsError(
            try AtomicFile.write(to: url) { temporary in
                temporaryPath = temporary.path
                try "half".write(to: temporary, atomically: false, encoding: .utf8)
                throw Refusal()
            }
        ) { XCTAssertEqual($0 as? Refusal, Refusal()) }
        let temporary = try XCTUnwrap(temporaryPath)
        XCTAssertEqual(
            URL(fileURLWithPath: temporary).deletingLastPathComponent().path, folder.path, "beside the target")
        XCTAssertTrue(TemporaryName.isTemporary(URL(fileURLWithPath: temporary).lastPathComponent, of: "stems.wav"))
        XCTAssertEqual(try text(url), "old")
        XCTAssertEqual(try names(in: folder), ["stems.wav"])
    }

    func testAReadOnlyFolderIsPermissionDenied() throws {
        guard getuid() != 0 else {
            throw XCTSkip(
                "skipped: running as root, which writes into read-only folders (the errno wording is tested in FileOutputErrorTests)"
            )
        }
        let folder = try TestData.temporaryDirectory(self)
        let locked = folder.appendingPathComponent("locked")
        try files.createDirectory(at: locked, withIntermediateDirectories: false)
        XCTAssertEqual(chmod(locked.path, 0o555), 0)
        defer { chmod(locked.path, 0o755) }
        assertRefused(locked.appendingPathComponent("board.json"), saying: "permission denied")
    }
}
