import CFFTW

/// FFTW plans chosen once, by measurement, and shipped with the code.
///
/// The numerical trap: FFTW's fast plans come from `FFTW_MEASURE` / `FFTW_PATIENT`, which
/// time candidate algorithms on the spot, so two runs can pick different algorithms and
/// round differently; `FFTW_ESTIMATE` is reproducible but slower on the sizes BSS Eval
/// spends its time in (figures in `Benchmarks/README.md`). The way round: plan those
/// sizes patiently once (`Scripts/make-fftw-wisdom.sh`), commit FFTW's "wisdom" (the
/// chosen algorithms), and import it before planning. `FFTW_ESTIMATE` then uses the
/// recorded algorithm: fast, and the same on every run and on every machine with this
/// FFTW build.
///
/// FFTW refuses wisdom written by another version or configuration of the library; plans
/// then fall back to its estimates, which are just as reproducible, only slower.
enum FFTWisdom {
    /// Transform sizes covered by the bundled wisdom (forward r2c and inverse c2r,
    /// out of place): BSS Eval's whole-track correlation blocks (8192) and frame size at
    /// 44.1 kHz (44800) in `bundled`; its segment blocks (4096) and boundary corrections
    /// (1024) in `segments`, which shares no problem with `bundled`, so that adding sizes
    /// leaves the plans of the others, and every score computed with them, unchanged.
    static let sizes = [1024, 4096, 8192, 44800]

    /// Loads the bundled wisdom into FFTW's planner; false if FFTW refused it. Call it
    /// under the lock that guards the planner (FFTW's planner is not thread-safe). The two
    /// strings share no problem, so their order does not matter.
    static func importBundled() -> Bool {
        fftw_import_wisdom_from_string(segments) != 0 && fftw_import_wisdom_from_string(bundled) != 0
    }

    /// Whether FFTW holds wisdom for both transforms of `size` (out of place, on
    /// FFTW-aligned arrays, as `RealFFT` plans them). Planning with `FFTW_WISDOM_ONLY`
    /// returns no plan when it does not, and leaves the planner unchanged.
    static func covers(size: Int) -> Bool {
        let real = fftw_alloc_real(size)!, complex = fftw_alloc_complex(size / 2 + 1)!
        defer {
            fftw_free(real)
            fftw_free(complex)
        }
        let flags = CFFTW_ESTIMATE | CFFTW_WISDOM_ONLY
        guard let forward = fftw_plan_dft_r2c_1d(Int32(size), real, complex, flags) else { return false }
        fftw_destroy_plan(forward)
        guard let inverse = fftw_plan_dft_c2r_1d(Int32(size), complex, real, flags | CFFTW_DESTROY_INPUT) else {
            return false
        }
        fftw_destroy_plan(inverse)
        return true
    }
}
