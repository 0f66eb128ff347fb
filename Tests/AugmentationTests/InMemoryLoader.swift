import Foundation
import TestSupport
import XCTest

@testable import Augmentation

/// Sources in memory, keyed by track then source name.
struct InMemoryLoader: ExampleSourceLoader {
    var tracks: [String: [String: [[Double]]]]

    func load(source: String, track: String, frames: Range<Int>) throws -> [[Double]] {
        guard let channels = tracks[track]?[source] else {
            throw AugmentationError.emptyDataset("no \(source) in \(track)")
        }
        return channels.map { channel in
            frames.map { $0 < channel.count ? channel[$0] : 0 }
        }
    }
}

enum TestDataFolder {
    static func make(_ testCase: XCTestCase) throws -> URL { try TestData.temporaryDirectory(testCase) }
}
