import XCTest
@testable import MUSDB

final class MUSDBSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
