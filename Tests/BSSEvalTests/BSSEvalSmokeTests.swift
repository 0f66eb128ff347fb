import XCTest
@testable import BSSEval

final class BSSEvalSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
