import XCTest
@testable import DSP

final class DSPSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
