import Audio
import Foundation
import Oracle
import TestSupport
import XCTest

/// The shared one-track MUSDB sample (HQ WAVs), read as musdb reads it for the reference
/// scripts: libsndfile, 16-bit PCM divided by 32768, planar doubles.
struct SampleTrack {
    static let folder = "musdb-sample/hq/train/Music Delta - 80s Rock"
    static let sourceNames = ["vocals", "drums", "bass", "other"]

    let mixture: [[Double]]
    let sources: [Stem]

    static func load() throws -> SampleTrack {
        let url = try TestData.requireShared(folder)
        let mixture = try AudioFile.read(url.appendingPathComponent("mixture.wav")).channels
        let sources = try sourceNames.map {
            Stem(name: $0, channels: try AudioFile.read(url.appendingPathComponent("\($0).wav")).channels)
        }
        return SampleTrack(mixture: mixture, sources: sources)
    }
}
