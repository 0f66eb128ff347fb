import Foundation
import MUSDB
import TestSupport
import XCTest

/// `URL.lies(within:)`, the guard that keeps every command from writing into a dataset.
final class URLContainmentTests: XCTestCase {
    func testAFolderNotCreatedYetIsInsideADatasetReachedThroughASymlink() throws {
        let base = try TestData.temporaryDirectory(self)
        let dataset = base.appendingPathComponent("real/musdb")
        try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)
        let link = base.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: base.appendingPathComponent("real"))
        let viaLink = link.appendingPathComponent("musdb")
        // Not created yet: resolvingSymlinksInPath() alone leaves it unresolved.
        XCTAssertTrue(viaLink.appendingPathComponent("estimates/train").lies(within: dataset))
        XCTAssertTrue(dataset.appendingPathComponent("estimates").lies(within: viaLink))
        XCTAssertTrue(viaLink.lies(within: dataset))
        XCTAssertTrue(dataset.appendingPathComponent("a/../b").lies(within: dataset))
        XCTAssertFalse(base.appendingPathComponent("real/musdb-old").lies(within: dataset))
        XCTAssertFalse(base.appendingPathComponent("out").lies(within: viaLink))
    }
}
