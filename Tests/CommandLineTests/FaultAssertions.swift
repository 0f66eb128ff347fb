import Foundation
import MUSDB
import XCTest

extension BrokenInputs.Fault {
    /// Words every message about this fault contains.
    var keyword: String {
        switch self {
        case .nan: return "NaN"
        case .truncated: return "frames"
        case .rate48k: return "48000 Hz"
        case .mono: return "1 channel"
        case .sixChannels: return "6 channels"
        case .empty: return "empty"
        case .text: return "not an audio file"
        }
    }
}

/// Asserts that some line of `text` names `file` (by its track folder and file name) and
/// the fault, and, when given, the side to blame (`reference` or `estimate`).
func XCTAssertNamesFault(
    _ text: String, file: URL, _ fault: BrokenInputs.Fault, side: String? = nil,
    _ context: String = "", sourceFile: StaticString = #filePath, line: UInt = #line
) {
    let name = file.deletingLastPathComponent().lastPathComponent + "/" + file.lastPathComponent
    let lines = text.split(separator: "\n").map(String.init)
    let matching = lines.filter { $0.contains(name) && $0.contains(fault.keyword) }
    XCTAssertFalse(
        matching.isEmpty, "\(context): no line names \(name) and '\(fault.keyword)':\n\(text)",
        file: sourceFile, line: line)
    if let side {
        XCTAssertTrue(
            matching.contains { $0.lowercased().contains(side) },
            "\(context): the line does not blame the \(side):\n\(matching.joined(separator: "\n"))",
            file: sourceFile, line: line)
    }
}
