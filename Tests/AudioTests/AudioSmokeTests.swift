import XCTest
@testable import Audio

final class AudioSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
