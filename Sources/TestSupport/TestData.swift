import Foundation
import XCTest

/// Where the tests find their data: the committed `Fixtures/` of this package and the
/// public sample data in `../shared/data` beside the project (never copied into it).
public enum TestData {
    /// The package root, found from this file's location (`Sources/TestSupport/`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` under the package root.
    public static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures") }

    /// `../shared/data`, or `$MUSDB_SHARED_DATA` when set.
    public static var sharedData: URL {
        if let path = ProcessInfo.processInfo.environment["MUSDB_SHARED_DATA"] {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// Returns `sharedData/relativePath` when it exists. Outside CI a missing path skips the
    /// test with a message that says what is missing; in CI (`CI=true`) it fails the test,
    /// because CI always has `../shared` beside the clone.
    public static func requireShared(
        _ relativePath: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> URL {
        let url = sharedData.appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let message = "needs the shared data \(url.path) (../shared/data beside the project)"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail(message, file: file, line: line)
            throw XCTSkip("failed: " + message)
        }
        throw XCTSkip("skipped: " + message)
    }

    /// A fresh temporary directory, removed when the test case finishes.
    public static func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("musdb-museval-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
