import CSndFile
import Foundation
import Oracle
import TestSupport
import XCTest

/// The shared one-track MUSDB sample, read as planar doubles with libsndfile (as
/// soundfile reads it for musdb: 16-bit PCM divided by 32768).
///
/// Test-only reader until the Audio module lands on this branch; then `AudioFile.read`.
struct SampleTrack {
    static let folder = "musdb-sample/hq/train/Music Delta - 80s Rock"
    static let sourceNames = ["vocals", "drums", "bass", "other"]

    let mixture: [[Double]]
    let sources: [Stem]

    static func load() throws -> SampleTrack {
        let url = try TestData.requireShared(folder)
        let mixture = try readPlanar(url.appendingPathComponent("mixture.wav"))
        let sources = try sourceNames.map {
            Stem(name: $0, channels: try readPlanar(url.appendingPathComponent("\($0).wav")))
        }
        return SampleTrack(mixture: mixture, sources: sources)
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    static func readPlanar(_ url: URL) throws -> [[Double]] {
        var info = SF_INFO()
        guard let file = sf_open(url.path, Int32(SFM_READ), &info) else {
            throw ReadError(description: "cannot open \(url.path): \(String(cString: sf_strerror(nil)))")
        }
        defer { sf_close(file) }
        let channels = Int(info.channels)
        let frames = Int(info.frames)
        var interleaved = [Double](repeating: 0, count: channels * frames)
        let read = interleaved.withUnsafeMutableBufferPointer { sf_readf_double(file, $0.baseAddress, sf_count_t(frames)) }
        guard read == frames else { throw ReadError(description: "short read of \(url.path)") }
        return (0..<channels).map { c in (0..<frames).map { interleaved[$0 * channels + c] } }
    }
}
