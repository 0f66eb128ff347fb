import ArgumentParser
import CommandSupport
import Foundation
import MUSDB
import XCTest

/// The option groups and values both commands share, parsed as the commands parse them.
final class SharedOptionsTests: XCTestCase {
    /// `--subsets` declared as the commands declare it.
    private struct SubsetsProbe: ParsableArguments {
        @Option(parsing: .singleValue, help: SubsetSelection.help("Subsets to probe"))
        var subsets: [SubsetSelection] = [.all]
    }

    /// Help text with its line wrapping undone.
    private func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func testRootAndItsMUSDBSpellingAreOneOption() throws {
        XCTAssertEqual(try DatasetOptions.parse(["--root", "/data/musdb"]).root, "/data/musdb")
        XCTAssertEqual(try DatasetOptions.parse(["--musdb", "/data/musdb", "--is-wav"]).root, "/data/musdb")
        XCTAssertTrue(try DatasetOptions.parse(["--root", "/x", "--is-wav"]).isWav)
        XCTAssertFalse(try DatasetOptions.parse(["--root", "/x"]).isWav)
    }

    func testTheRootComesFromTheOptionThenFromMUSDBPath() throws {
        let given = try DatasetOptions.parse(["--root", "/given"])
        XCTAssertEqual(try given.rootURL(environment: ["MUSDB_PATH": "/env"]).path, "/given")
        // Parsing validates: without --root, MUSDB_PATH must be set.
        setenv("MUSDB_PATH", "/env", 1)
        defer { unsetenv("MUSDB_PATH") }
        let none = try DatasetOptions.parse(["--is-wav"])
        XCTAssertNil(none.root)
        XCTAssertEqual(try none.rootURL(environment: ["MUSDB_PATH": "/env"]).path, "/env")
        XCTAssertThrowsError(try none.rootURL(environment: [:])) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("--root") && message.contains("MUSDB_PATH"), message)
        }
        XCTAssertThrowsError(try none.rootURL(environment: ["MUSDB_PATH": ""]))
        unsetenv("MUSDB_PATH")
        XCTAssertThrowsError(try DatasetOptions.parse([])) { error in
            XCTAssertEqual(DatasetOptions.exitCode(for: error), .validationFailure)
        }
    }

    func testSubsetsAreCommaSeparatedInOrderWithoutRepeats() {
        XCTAssertEqual(SubsetSelection(argument: "train,test"), .all)
        XCTAssertEqual(SubsetSelection(argument: "test, train")?.subsets, [.test, .train])
        XCTAssertEqual(SubsetSelection(argument: "TEST")?.subsets, [.test])
        XCTAssertEqual(SubsetSelection(argument: "train,train")?.subsets, [.train])
        XCTAssertNil(SubsetSelection(argument: "validation"))
        XCTAssertNil(SubsetSelection(argument: "train,tset"))
        XCTAssertNil(SubsetSelection(argument: ""))
        XCTAssertEqual(SubsetSelection.all.defaultValueDescription, "train,test")
        XCTAssertEqual(SubsetSelection.allValueStrings, ["train", "test"])
    }

    func testSubsetsMayBeRepeatedAndReplaceTheDefault() throws {
        XCTAssertEqual(SubsetSelection.merged(try SubsetsProbe.parse([]).subsets), [.train, .test])
        XCTAssertEqual(SubsetSelection.merged(try SubsetsProbe.parse(["--subsets", "test"]).subsets), [.test])
        XCTAssertEqual(
            SubsetSelection.merged(try SubsetsProbe.parse(["--subsets", "test", "--subsets", "train,test"]).subsets),
            [.test, .train])
        XCTAssertThrowsError(try SubsetsProbe.parse(["--subsets", "tset"]))
        XCTAssertTrue(
            flattened(SubsetsProbe.helpMessage()).contains("(values: train, test; default: train,test)"),
            SubsetsProbe.helpMessage())
    }

    func testJobsDefaultToOneAndMustBePositive() throws {
        XCTAssertEqual(try ParallelOptions.parse([]).jobs, 1)
        XCTAssertEqual(try ParallelOptions.parse(["--jobs", "3"]).jobs, 3)
        XCTAssertThrowsError(try ParallelOptions.parse(["--jobs", "0"])) { error in
            XCTAssertTrue(
                ParallelOptions.message(for: error).contains("--jobs must be at least 1"),
                ParallelOptions.message(for: error))
        }
        XCTAssertTrue(
            flattened(ParallelOptions.helpMessage()).contains("each job holds one track in memory. (default: 1)"),
            ParallelOptions.helpMessage())
    }

    func testSplitIsParsedInAnyCase() {
        XCTAssertEqual(Split(argument: "valid"), .valid)
        XCTAssertEqual(Split(argument: "TRAIN"), .train)
        XCTAssertNil(Split(argument: "test"))
    }

    func testExactlyOneOutputIsTaken() throws {
        XCTAssertEqual(try OutputPath.resolve(option: "a", positional: nil), "a")
        XCTAssertEqual(try OutputPath.resolve(option: nil, positional: "b"), "b")
        XCTAssertThrowsError(try OutputPath.resolve(option: nil, positional: nil)) { error in
            XCTAssertTrue("\(error)".contains("-o OUT"), "\(error)")
        }
        XCTAssertThrowsError(try OutputPath.resolve(option: "a", positional: "b"))
    }
}
