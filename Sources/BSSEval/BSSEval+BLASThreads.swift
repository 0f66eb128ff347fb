import COpenBLAS

extension BSSEval {
    /// Runs OpenBLAS on the calling thread for the rest of the process and stops its worker
    /// threads.
    ///
    /// OpenBLAS starts its workers when it is loaded, and an idle worker spins
    /// (`sched_yield`) for about a tenth of a second of CPU before it sleeps; on a 2-core
    /// machine that takes a core from the kernel's FFT workers while a command starts. The
    /// kernel never wants those workers (its solves run on one BLAS thread, see
    /// `LinearSolve`), so a process whose only BLAS user is this kernel calls this first
    /// thing. The setting is process-wide: other code that wants threaded BLAS sets its own
    /// count, and OpenBLAS starts its workers again on its next threaded call.
    public static func runBLASOnCallingThread() {
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
    }
}
