import Audio
import Foundation
import TestSupport
import XCTest

/// `museval oracle` end to end on the shared sample, run as the built executable beside
/// the test bundle.
final class OracleCommandTests: XCTestCase {
    static let targets = ["vocals", "drums", "bass", "other", "accompaniment"]

    private func run(_ arguments: [String]) throws -> (status: Int32, err: String) {
        let result = try CommandRunner.run("museval", ["oracle"] + arguments)
        return (result.status, result.stderr)
    }

    private func sampleRoot() throws -> URL {
        try TestData.requireShared("musdb-sample/hq")
    }

    func testWritesFloatEstimatesInTheMusevalLayoutThenResumes() throws {
        let root = try sampleRoot()
        let out = try TestData.temporaryDirectory(self).appendingPathComponent("IRM2")
        let first = try run(["--method", "irm2", "--root", root.path, "--is-wav", "--subsets", "train", "-o", out.path])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.err.contains("1 tracks separated"), first.err)
        let folder = out.appendingPathComponent("train/Music Delta - 80s Rock")
        let golden = try OracleGolden.load("irm2")
        for target in Self.targets {
            let url = folder.appendingPathComponent(target + ".wav")
            let buffer = try AudioFile.read(url)
            XCTAssertEqual(buffer.sampleRate, 44_100)
            XCTAssertEqual(buffer.channelCount, 2)
            let expected = try XCTUnwrap(golden.targets[target])
            for c in 0..<2 {
                XCTAssertEqual(buffer.frameCount, expected[c].count)
                for (i, index) in golden.indices.enumerated() {
                    // 32-bit float WAV: single-precision rounding of the reference's values.
                    XCTAssertEqual(
                        buffer.channels[c][index], expected[c].values[i],
                        accuracy: 1e-7 * expected[c].maxAbs, "\(target) channel \(c) sample \(index)")
                }
            }
        }
        let second = try run(["--method", "irm2", "--root", root.path, "--is-wav", "--subsets", "train", "-o", out.path]
        )
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertTrue(second.err.contains("1 already done"), second.err)
    }

    func testDoublePrecisionGainGivesTheStableWienerFilterAndIsForMWFOnly() throws {
        let root = try sampleRoot()
        let out = try TestData.temporaryDirectory(self)
        let wrong = try run([
            "--method", "irm2", "--double-precision-gain", "--root", root.path, "--is-wav", "-o", out.path
        ])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.err.contains("--method mwf only"), wrong.err)
        let result = try run([
            "--method", "mwf", "--double-precision-gain", "--root", root.path, "--is-wav",
            "--subsets", "train", "-o", out.path
        ])
        XCTAssertEqual(result.status, 0, result.err)
        let golden = try OracleGolden.load("mwf_double")
        let bass = try AudioFile.read(out.appendingPathComponent("train/Music Delta - 80s Rock/bass.wav"))
        let expected = try XCTUnwrap(golden.targets["bass"])
        for c in 0..<2 {
            for (i, index) in golden.indices.enumerated() {
                XCTAssertEqual(bass.channels[c][index], expected[c].values[i], accuracy: 1e-6 * expected[c].maxAbs)
            }
        }
    }

    func testMultiResolutionWritesBestAverageAndReport() throws {
        let root = try sampleRoot()
        let out = try TestData.temporaryDirectory(self)
        let result = try run([
            "--method", "mrstft", "--root", root.path, "--is-wav", "--subsets", "train", "-o", out.path
        ])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("best resolution"), result.err)
        for set in ["best", "average"] {
            for target in Self.targets {
                let url = out.appendingPathComponent("\(set)/train/Music Delta - 80s Rock/\(target).wav")
                XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), url.path)
            }
        }
        let report = out.appendingPathComponent("resolutions/train/Music Delta - 80s Rock.json")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let resolutions = try XCTUnwrap(json["resolutions"] as? [[String: Any]])
        XCTAssertEqual(resolutions.compactMap { $0["segmentLength"] as? Int }, [256, 512, 1024, 2048, 4096])
        let scores = resolutions.compactMap { $0["score"] as? Double }
        XCTAssertEqual(scores.count, 5)
        let best = try XCTUnwrap(json["bestIndex"] as? Int)
        XCTAssertEqual(scores[best], scores.max())
        // The 2048-point score is IRM2's: the mean over targets of museval's median frame SDR.
        let golden = try OracleGolden.load("irm2")
        let medians = golden.scores.values.map { metrics -> Double in
            let sdr = metrics["SDR"]!.compactMap { $0 }.sorted()
            return sdr.count % 2 == 1 ? sdr[sdr.count / 2] : (sdr[sdr.count / 2 - 1] + sdr[sdr.count / 2]) / 2
        }
        XCTAssertEqual(scores[3], medians.reduce(0, +) / Double(medians.count), accuracy: 0.01)
    }

    func testRefusesToWriteInsideTheDatasetAndReportsABrokenTrack() throws {
        let root = try sampleRoot()
        let inside = try run([
            "--method", "irm1", "--root", root.path, "--is-wav", "-o", root.appendingPathComponent("estimates").path
        ])
        XCTAssertNotEqual(inside.status, 0)
        XCTAssertTrue(inside.err.contains("inside the dataset"), inside.err)

        // A track without its bass stem fails by name; the exit status is 1.
        let broken = try TestData.temporaryDirectory(self).appendingPathComponent("data")
        let track = broken.appendingPathComponent("train/Broken")
        try FileManager.default.createDirectory(at: track, withIntermediateDirectories: true)
        let sample = root.appendingPathComponent("train/Music Delta - 80s Rock")
        for name in ["mixture", "vocals", "drums", "other"] {
            try FileManager.default.createSymbolicLink(
                at: track.appendingPathComponent(name + ".wav"),
                withDestinationURL: sample.appendingPathComponent(name + ".wav"))
        }
        let out = try TestData.temporaryDirectory(self)
        let result = try run(["--method", "ibm1", "--root", broken.path, "--is-wav", "-o", out.path])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("train/Broken"), result.err)
        XCTAssertTrue(result.err.contains("bass"), result.err)
    }
}
