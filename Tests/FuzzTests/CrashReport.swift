import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the fuzz harness is doing now, kept in C memory so that a signal handler (after a
/// Swift trap: SIGILL on x86-64, SIGTRAP on arm64) can report it with async-signal-safe
/// calls only (`write`, `open`, `_exit`).
enum CrashReport {
    private static let messageCapacity = 4096
    nonisolated(unsafe) private static var message = UnsafeMutablePointer<CChar>.allocate(capacity: messageCapacity)
    nonisolated(unsafe) private static var path = UnsafeMutablePointer<CChar>.allocate(capacity: 1024)
    nonisolated(unsafe) private static var input = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    nonisolated(unsafe) private static var inputCount = 0
    nonisolated(unsafe) private static var inputCapacity = 1
    nonisolated(unsafe) private static var reader = ""

    /// Installs the handlers for `reader`.
    static func install(reader name: String) {
        reader = name
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-crash-\(name).bin").path
        _ = file.withCString { strncpy(path, $0, 1023) }
        path[1023] = 0
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            Glibc.signal(signal) { code in CrashReport.report(code) }
        }
    }

    /// Records the input of `iteration` and the message that replays it.
    static func current(iteration: Int, input bytes: [UInt8]) {
        if bytes.count > inputCapacity {
            input.deallocate()
            inputCapacity = bytes.count
            input = .allocate(capacity: inputCapacity)
        }
        bytes.withUnsafeBufferPointer { if let base = $0.baseAddress { input.update(from: base, count: bytes.count) } }
        inputCount = bytes.count
        let text =
            "\nfuzz crash: reader \(reader), FUZZ_SEED=\(FuzzHarness.seed), iteration \(iteration); input written to "
            + String(cString: path)
            + "\nreplay: FUZZ_SEED=\(FuzzHarness.seed) FUZZ_READER=\(reader) FUZZ_START=\(iteration) "
            + "FUZZ_ITERATIONS=1 swift test --filter FuzzTests\n"
        _ = text.withCString { strncpy(message, $0, messageCapacity - 1) }
        message[messageCapacity - 1] = 0
    }

    static func clear() {
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] { Glibc.signal(signal, SIG_DFL) }
    }

    private static func report(_ code: Int32) {
        _ = Glibc.write(2, message, strlen(message))
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 {
            _ = Glibc.write(fd, input, inputCount)
            close(fd)
        }
        Glibc.signal(code, SIG_DFL)
        raise(code)
    }
}
