import Foundation
import TestSupport
import XCTest

@testable import ScoreFiles

final class LenientJSONReaderTests: XCTestCase {
    func testReadsPythonNonFiniteTokens() throws {
        let value = try JSONValue.parse(#"{"a": NaN, "b": [Infinity, -Infinity, -0.0, 1e-5, 2E+3], "c": null}"#)
        guard case .number(let a)? = value["a"], case .array(let b)? = value["b"] else { return XCTFail("\(value)") }
        XCTAssertTrue(a.isNaN)
        XCTAssertEqual(b, [.number(.infinity), .number(-.infinity), .number(-0.0), .number(1e-5), .number(2000)])
        if case .number(let zero) = b[2] { XCTAssertEqual(zero.sign, .minus) }
        XCTAssertEqual(value["c"], .null)
    }

    func testKeepsMemberOrderAndDecodesEscapes() throws {
        let value = try JSONValue.parse(#"{"z": true, "a": false, "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83c\udfb5"}"#)
        guard case .object(let members) = value else { return XCTFail() }
        XCTAssertEqual(members.map(\.key), ["z", "a", "s"])
        XCTAssertEqual(value["s"], .string("q\"\\/\u{8}\u{c}\n\r\té🎵"))
    }

    /// Numbers must read exactly as Python's float() (correctly rounded): compare the fast path
    /// with strtod on many decimal strings, including 5-decimal ones like museval's.
    func testNumbersAreCorrectlyRounded() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "0.1", "-21.88187", "123456789012345.6", "1.7976931348623157e308", "5e-324", "4.9e-324",
            "9007199254740993", "0.000001", "1e22", "1e23", "3.0000000000000004e-05", "12345678901234567890"
        ]
        for _ in 0..<20_000 {
            let x = Double.random(in: -100...100, using: &generator)
            texts.append(PythonFloatFormat.fixed5(x))
            texts.append(PythonFloatFormat.repr(x))
        }
        for text in texts {
            let parsed = try JSONValue.parse(text)
            XCTAssertEqual(parsed, .number(strtod(text, nil)), text)
        }
    }

    func testSyntaxErrorsSayWhere() {
        let cases: [(String, Int, Int, String)] = [
            ("{\n  \"a\": 1,\n}", 3, 1, "trailing ','"),
            ("{\n  \"a\" 1}", 2, 7, "expected ':'"),
            ("[1, 2", 1, 6, "unterminated array"),
            ("{\"a\": nan}", 1, 7, "expected null"),
            ("{\"a\": 1} x", 1, 10, "extra data"),
            ("\"abc", 1, 1, "unterminated string"),
            ("[1.]", 1, 4, "digit after '.'")
        ]
        for (text, line, column, reason) in cases {
            XCTAssertThrowsError(try JSONValue.parse(text), text) { error in
                guard let error = error as? JSONSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, line, "\(text): \(error)")
                XCTAssertEqual(error.column, column, "\(text): \(error)")
                XCTAssertTrue(error.reason.contains(reason), "\(text): \(error)")
            }
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONValue.parse(text)) { error in
            XCTAssertTrue("\(error)".contains("nested deeper"), "\(error)")
        }
        XCTAssertNoThrow(try JSONValue.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)))
    }

    func testMalformedScoreFilesNameTheFile() throws {
        let folder = try TestData.temporaryDirectory(self)
        let cases: [(String, String, String)] = [
            ("truncated.json", "{\"targets\": [{\"name\": \"vocals\", \"frames\": [", "malformed JSON at line 1"),
            (
                "wrong.json", "{\"targets\": [{\"name\": \"vocals\", \"frames\": [{\"metrics\": {\"SDR\": \"x\"}}]}]}",
                "targets[0].frames[0].metrics.SDR"
            ),
            ("notargets.json", "{\"museval_version\": \"0.4.1\"}", "no \"targets\""),
            ("empty.json", "", "expected a value, found end of file")
        ]
        for (name, text, message) in cases {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            XCTAssertThrowsError(try TrackScores(contentsOf: url)) { error in
                let description = "\(error)"
                XCTAssertTrue(description.contains(url.path), description)
                XCTAssertTrue(description.contains(message), description)
                XCTAssertEqual((error as? ScoresFileError)?.path, url.path)
            }
        }
        XCTAssertThrowsError(try TrackScores(contentsOf: folder.appendingPathComponent("missing.json"))) { error in
            XCTAssertTrue("\(error)".contains("missing.json"))
        }
    }

    func testReadsSiSEC2018Layout() throws {
        // Other member order, unknown members, no museval_version, null as NaN.
        let text = """
            {"extra": {"x": [1, {"y": null}]}, "targets": [{"frames": [{"metrics": {"ISR": 1.5, "SAR": NaN, \
            "SDR": -2.0, "SIR": null, "XYZ": 7}, "duration": 1.0, "time": 0.0}], "name": "drums"}]}
            """
        let track = try TrackScores(json: Array(text.utf8), track: "T")
        XCTAssertNil(track.musevalVersion)
        let frame = try XCTUnwrap(track[target: "drums"]?.frames.first)
        XCTAssertEqual(frame.isr, 1.5)
        XCTAssertEqual(frame.sdr, -2)
        XCTAssertTrue(frame.sar.isNaN && frame.sir.isNaN)
    }
}
