import Foundation
import Synchronization

/// Phase timings on standard error when the environment variable BSSEVAL_TRACE is set,
/// to see where a run spends its time and which solver path each solve took; silent
/// otherwise.
enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["BSSEVAL_TRACE"] != nil
    /// Wall clock and process CPU time at the previous mark. Behind a lock because
    /// evaluations may run concurrently (a batch scores several tracks at once); their
    /// marks then interleave, and each line measures from whichever mark came before it.
    private static let previous = Mutex((wall: Date(), cpu: cpuSeconds()))

    /// User + system CPU seconds of the process (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(0), &usage) // RUSAGE_SELF
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Current resident set size from /proc/self/statm (Linux), 0 elsewhere.
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }

    static func mark(_ what: @autoclosure () -> String) {
        guard enabled else { return }
        let now = Date(), cpu = cpuSeconds()
        let (wall, cpuDelta) = previous.withLock { last in
            defer { last = (now, cpu) }
            return (now.timeIntervalSince(last.wall), cpu - last.cpu)
        }
        FileHandle.standardError.write(
            Data(
                String(
                    format: "[bsseval] wall %7.3f s  cpu %7.3f s  rss %5d MB  %@\n",
                    wall, cpuDelta, residentMegabytes(), what()
                ).utf8))
    }

    /// A line without timing (which path a phase took).
    static func note(_ what: @autoclosure () -> String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("[bsseval] \(what())\n".utf8))
    }
}
