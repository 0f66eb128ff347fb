import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

/// The per-track JSON writer against museval 0.4.1's own TrackStore output, byte for byte
/// (goldens: Scripts/goldens/museval_aggregate_trackstore.py).
final class TrackScoresJSONTests: XCTestCase {
    private var goldenFolder: URL { TestData.fixtures.appendingPathComponent("museval/aggregate/trackstore") }

    /// The constructed inputs of every golden case, decoded with our own lenient reader.
    private func cases() throws -> [(name: String, scores: TrackScores)] {
        let inputs = try JSONValue.parse(Array(Data(contentsOf: goldenFolder.appendingPathComponent("inputs.json"))))
        guard case .object(let members) = inputs else { XCTFail("inputs.json is not an object"); return [] }
        return try members.map { member in
            guard case .number(let window)? = member.value["window"], case .number(let hop)? = member.value["hop"],
                case .array(let targets)? = member.value["targets"]
            else {
                throw XCTSkip("inputs.json case \(member.key) has an unexpected layout")
            }
            let targetScores: [TargetScores] = targets.map { target in
                func values(_ key: String) -> [Double] {
                    guard case .array(let list)? = target[key] else { return [] }
                    return list.map { if case .number(let x) = $0 { return x } else { return .nan } }
                }
                guard case .string(let name)? = target["name"] else { return TargetScores(name: "?", frames: []) }
                return TargetScores(
                    name: name, sdr: values("SDR"), sir: values("SIR"), sar: values("SAR"),
                    isr: values("ISR"), window: window, hop: hop)
            }
            return (member.key, TrackScores(track: member.key, targets: targetScores))
        }
    }

    func testWriterIsByteIdenticalToMusevalTrackStore() throws {
        let all = try cases()
        XCTAssertEqual(all.count, 6)
        for (name, scores) in all {
            let golden = try String(contentsOf: goldenFolder.appendingPathComponent("\(name).json"), encoding: .utf8)
            let ours = scores.jsonString()
            if ours != golden {
                let a = ours.split(separator: "\n", omittingEmptySubsequences: false)
                let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                XCTFail(
                    "\(name): differs from museval at line \(line + 1): ours \(line < a.count ? String(a[line]) : "<end>") vs museval \(line < b.count ? String(b[line]) : "<end>")"
                )
            }
        }
    }

    func testWriteIsAtomicAndReadsBack() throws {
        let folder = try TestData.temporaryDirectory(self)
        for (name, scores) in try cases() {
            let url = folder.appendingPathComponent("\(name).json")
            try scores.write(to: url)
            let bytes = try Data(contentsOf: url)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), scores.jsonString())
            let read = try TrackScores(contentsOf: url)
            XCTAssertEqual(read.track, name)
            XCTAssertEqual(read.musevalVersion, "0.4.1")
            XCTAssertEqual(read.targets.map(\.name), scores.targets.map(\.name))
            // What comes back is the written (quantized) value: ±inf became NaN.
            for (readTarget, target) in zip(read.targets, scores.targets) {
                for (readFrame, frame) in zip(readTarget.frames, target.frames) {
                    XCTAssertEqual(readFrame.time, frame.time)
                    for metric in Metric.allCases {
                        let expected = frame[metric].isFinite ? Double(PythonFloatFormat.fixed5(frame[metric]))! : .nan
                        XCTAssertTrue(
                            readFrame[metric] == expected || (readFrame[metric].isNaN && expected.isNaN),
                            "\(name) \(target.name) \(metric): \(readFrame[metric]) vs \(expected)")
                    }
                }
            }
        }
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    func testFixedFiveDecimalsRoundsTheBinaryValueHalfEven() {
        XCTAssertEqual(PythonFloatFormat.fixed5(0.015625), "0.01562") // exact tie → even
        XCTAssertEqual(PythonFloatFormat.fixed5(0.046875), "0.04688") // exact tie → even
        XCTAssertEqual(PythonFloatFormat.fixed5(1.234565), "1.23456") // binary just below the tie
        XCTAssertEqual(PythonFloatFormat.fixed5(-1e-7), "-0.00000")
        XCTAssertEqual(PythonFloatFormat.fixed5(-0.0), "-0.00000")
        XCTAssertEqual(PythonFloatFormat.fixed5(3), "3.00000")
        XCTAssertEqual(PythonFloatFormat.fixed5(.infinity), "NaN")
        XCTAssertEqual(PythonFloatFormat.fixed5(-.infinity), "NaN")
        XCTAssertEqual(PythonFloatFormat.fixed5(.nan), "NaN")
    }

    func testReprMatchesPython() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (0.1, "0.1"), (0.30000000000000004, "0.30000000000000004"),
            (1e-4, "0.0001"), (1e-5, "1e-05"), (3.0000000000000004e-05, "3.0000000000000004e-05"),
            (1e15, "1000000000000000.0"), (9.5e15, "9500000000000000.0"), (1e16, "1e+16"),
            (1.2345678901234568e+17, "1.2345678901234568e+17"), (-2.5e-300, "-2.5e-300"), (123.456, "123.456"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf")
        ]
        for (value, python) in cases { XCTAssertEqual(PythonFloatFormat.repr(value), python, "\(value)") }
    }

    func testTargetScoresBuildFramesFromArrays() {
        let target = TargetScores(
            name: "vocals", sdr: [1, 2, 3], sir: [4, 5, 6], sar: [7, 8, 9], isr: [.nan, 0, 1],
            window: 1.5, hop: 0.5)
        XCTAssertEqual(target.frames.map(\.time), [0, 0.5, 1.0])
        XCTAssertEqual(target.frames.map(\.duration), [1.5, 1.5, 1.5])
        XCTAssertEqual(target.values(of: .sar), [7, 8, 9])
        XCTAssertTrue(target.frames[0].isr.isNaN)
    }
}
