import MUSDB
import XCTest

final class SubsetParsingTests: XCTestCase {
    func testSubsetListsIgnoreCaseAndSpaces() throws {
        XCTAssertEqual(try Subset.list(parsing: "train, Test"), [.train, .test])
        XCTAssertEqual(try Subset.list(parsing: "test"), [.test])
        XCTAssertThrowsError(try Subset.list(parsing: "train,bogus")) { error in
            XCTAssertEqual("\(error)", "unknown subset 'bogus': use train, test or train,test")
        }
    }

    func testSplitNames() throws {
        XCTAssertEqual(try Split(parsing: "valid"), .valid)
        XCTAssertEqual(try Split(parsing: "Train"), .train)
        XCTAssertThrowsError(try Split(parsing: "validation")) { error in
            XCTAssertEqual("\(error)", "unknown split 'validation': use train or valid")
        }
    }
}
