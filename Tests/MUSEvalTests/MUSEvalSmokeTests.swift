import XCTest

@testable import MUSEval

final class MUSEvalSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
