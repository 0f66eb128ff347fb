import CFFTW
import Foundation

/// FFTW plans shared by every `RealFFT` of the same size.
///
/// FFTW's planner is not thread-safe, but executing an existing plan on other arrays
/// (the "new-array execute" functions) is. So plans are created once per size under a
/// lock and then executed concurrently from any number of threads, each with its own
/// aligned buffers.
final class FFTPlanCache: @unchecked Sendable {
    static let shared = FFTPlanCache()

    struct Plans {
        let forward: fftw_plan
        let inverse: fftw_plan
    }

    private let lock = NSLock()
    private var plans: [Int: Plans] = [:]

    /// Whether FFTW accepted the bundled wisdom; imported before the first plan.
    private var wisdomLoaded: Bool?

    /// Returns the forward (r2c) and inverse (c2r) plans of `size` points.
    ///
    /// Plans are made with `FFTW_ESTIMATE`, after importing the bundled wisdom: the
    /// algorithm then depends only on the size (and, for the sizes in `FFTWisdom`, on the
    /// recorded measurement), never on timing measurements of this run, so every run rounds
    /// the same way and outputs stay byte-identical from run to run.
    func plans(size: Int) -> Plans {
        lock.lock()
        defer { lock.unlock() }
        if let cached = plans[size] { return cached }
        loadWisdomOnce()
        let bins = size / 2 + 1
        let real = fftw_alloc_real(size)!
        let complex = fftw_alloc_complex(bins)!
        defer {
            fftw_free(real)
            fftw_free(complex)
        }
        let n = Int32(size)
        let forward = fftw_plan_dft_r2c_1d(n, real, complex, CFFTW_ESTIMATE)!
        let inverse = fftw_plan_dft_c2r_1d(n, complex, real, CFFTW_ESTIMATE | CFFTW_DESTROY_INPUT)!
        let made = Plans(forward: forward, inverse: inverse)
        plans[size] = made
        return made
    }

    /// Whether the bundled wisdom covers both plans of `size` (for tests and diagnostics).
    func usesWisdom(size: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        loadWisdomOnce()
        return wisdomLoaded == true && FFTWisdom.covers(size: size)
    }

    /// Imports the bundled wisdom the first time; call with `lock` held.
    private func loadWisdomOnce() {
        if wisdomLoaded == nil { wisdomLoaded = FFTWisdom.importBundled() }
    }
}
