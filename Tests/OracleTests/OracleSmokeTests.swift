import XCTest
@testable import Oracle

final class OracleSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
