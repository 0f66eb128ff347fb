import XCTest
@testable import Augmentation

final class AugmentationSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
