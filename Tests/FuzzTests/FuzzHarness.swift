import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a reader on mutated inputs and fails on any error of an unexpected type. A trap
/// kills the process, so the harness keeps the seed, reader, iteration and input where a
/// signal handler can report them: it prints the line that replays the iteration and writes
/// the input to `fuzz-crash-<reader>.bin` in the temporary folder.
///
/// Settings (environment): `FUZZ_ITERATIONS` per reader (default 200), `FUZZ_SEED` (default
/// fixed, so `make test` is deterministic), `FUZZ_START` (first iteration, default 0),
/// `FUZZ_READER` (only this reader).
enum FuzzHarness {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? 200
    static let seed = environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_240_601
    static let start = environment["FUZZ_START"].flatMap(Int.init) ?? 0
    static let only = environment["FUZZ_READER"]

    /// Runs `read` on `iterations` mutations of `seeds`; `isExpected` says whether an error
    /// is one the reader documents (a typed error naming the problem).
    static func run(
        _ reader: String, seeds: [[UInt8]], file: StaticString = #filePath, line: UInt = #line,
        isExpected: (Error) -> Bool, read: ([UInt8]) throws -> Void
    ) {
        if let only, only != reader { return }
        print("fuzz \(reader): seed \(seed), iterations \(start)..<\(start + iterations)")
        CrashReport.install(reader: reader)
        defer { CrashReport.clear() }
        var parsed = 0, refused = 0
        for iteration in start..<(start + iterations) {
            var mutator = Mutator(seed: seed, reader: reader, iteration: iteration)
            let input = mutator.mutate(seeds[mutator.next(below: seeds.count)])
            if iteration % 10_000 == 0 && iteration > start {
                print("fuzz \(reader): seed \(seed), at iteration \(iteration)")
                fflush(stdout)
            }
            CrashReport.current(iteration: iteration, input: input)
            do {
                try read(input)
                parsed += 1
            } catch {
                refused += 1
                if !isExpected(error) {
                    XCTFail(
                        "\(reader) iteration \(iteration) (FUZZ_SEED=\(seed)): unexpected \(type(of: error)): \(error)",
                        file: file, line: line)
                }
            }
        }
        print("fuzz \(reader): \(parsed) parsed, \(refused) refused with a typed error")
    }
}
