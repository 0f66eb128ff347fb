import FileOutput
import Foundation
import XCTest

/// The words of `FileOutputError`: one line, the path first, never a Foundation code.
final class FileOutputErrorTests: XCTestCase {
    func testErrnoWords() {
        XCTAssertEqual(FileOutputError.words(forErrno: ENOSPC), "the disk is full")
        XCTAssertEqual(FileOutputError.words(forErrno: EROFS), "the file system is read-only")
        XCTAssertEqual(FileOutputError.words(forErrno: ENOTDIR), "a part of the path is not a folder")
        XCTAssertEqual(FileOutputError.words(forErrno: EACCES), "permission denied")
        XCTAssertEqual(FileOutputError.words(forErrno: EPERM), "permission denied")
        XCTAssertEqual(FileOutputError.words(forErrno: ENOENT), "the folder does not exist")
        XCTAssertEqual(FileOutputError.words(forErrno: EISDIR), "is a folder")
        XCTAssertEqual(FileOutputError.words(forErrno: ENAMETOOLONG), "the name is too long")
        XCTAssertEqual(FileOutputError.words(forErrno: EDQUOT), "the disk quota is exhausted")
        XCTAssertEqual(FileOutputError.words(forErrno: ENOMSG), String(cString: strerror(ENOMSG)))
    }

    func testDescriptionIsOneLineWithThePath() {
        let error = FileOutputError(path: "out/board.json", errno: ENOSPC)
        XCTAssertEqual(error.description, "out/board.json: the disk is full")
        XCTAssertEqual(error.localizedDescription, "out/board.json: the disk is full")
        XCTAssertEqual(FileOutputError(path: "OUT", reason: .isFile).description, "OUT: is a file, not a folder")
        XCTAssertEqual(
            FileOutputError(path: "/dev/sda", reason: .notRegularFile(.blockDevice)).description,
            "/dev/sda: is a block device, not a regular file; use - for standard output")
    }

    func testANameTooLongIsWordedByTheSystemCall() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(String(repeating: "n", count: 300))
        XCTAssertThrowsError(try AtomicFile.write("x", to: url)) { error in
            XCTAssertEqual("\(error)", "\(url.path): the name is too long")
        }
    }
}
