/// glibc malloc settings for a scoring process, made before any other thread allocates.
///
/// A track's decoded signals (16 arrays of 85 MB for a 4-minute MUSDB track) are freed
/// when it is scored and allocated again for the next. By default glibc serves each from a
/// fresh `mmap` and unmaps it on free, so every track faults in, and the kernel zeroes,
/// all of its memory anew: most of a batch's system time. Here large blocks come from the
/// heap (`M_MMAP_MAX` 0), which is never trimmed (`M_TRIM_THRESHOLD` −1), in one arena for
/// all threads (`M_ARENA_MAX` 1: other arenas would map their large blocks anyway), so the
/// next track reuses the pages already faulted in. The peak is unchanged (the heap grows to
/// what `--jobs` tracks need at once); the process keeps it until it exits.
enum MallocSettings {
    static func apply() {
        #if os(Linux)
            // <malloc.h> is not in the Glibc module: its function and constants, as declared there.
            _ = mallopt(-8, 1) // M_ARENA_MAX
            _ = mallopt(-4, 0) // M_MMAP_MAX
            _ = mallopt(-1, -1) // M_TRIM_THRESHOLD
        #endif
    }
}

#if os(Linux)
    @_silgen_name("mallopt")
    private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
