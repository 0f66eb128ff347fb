#if canImport(Glibc)
    import Glibc
#endif

/// `count` zero-filled elements in memory this object owns, aligned to at least 64 bytes.
///
/// From `minimumMappedBytes` on, the memory is an anonymous `mmap`: its pages arrive
/// zeroed from the kernel, so there is no zeroing pass of our own, and with `hugePages`
/// they are offered to transparent huge pages (`MADV_HUGEPAGE`). Huge pages suit buffers
/// that are written once and walked a few hundred rows at a time, where 4 kB pages would
/// thrash the TLB, and they make faulting in fresh memory far cheaper per byte. Their
/// risk is the occasional slow fault of a whole 2 MB page, which is why a buffer that is
/// faulted in ahead of use (`zero()` on an idle core) may prefer 4 kB pages, whose cost is
/// steady. Smaller buffers, or where `mmap` fails, are allocated and zeroed.
final class MappedBuffer<Element: BitwiseCopyable> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int
    /// The size of the memory behind `pointer`, in bytes.
    let byteCount: Int
    private let mapped: Bool

    init(count: Int, hugePages: Bool = true, minimumMappedBytes: Int = 0) {
        self.count = count
        byteCount = max(1, count) * MemoryLayout<Element>.stride
        #if canImport(Glibc)
            if byteCount >= minimumMappedBytes,
                let address = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                address != MAP_FAILED
            {
                if hugePages { _ = madvise(address, byteCount, MADV_HUGEPAGE) }
                pointer = address.bindMemory(to: Element.self, capacity: max(1, count))
                mapped = true
                return
            }
        #endif
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: byteCount, alignment: max(64, MemoryLayout<Element>.alignment))
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        pointer = raw.bindMemory(to: Element.self, capacity: max(1, count))
        mapped = false
    }

    deinit {
        #if canImport(Glibc)
            if mapped {
                munmap(pointer, byteCount)
                return
            }
        #endif
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    /// Writes zeros over every byte. On fresh mapped memory this also faults every page in
    /// now (the kernel zeroing it, for huge pages sometimes compacting memory first), so
    /// that cost is paid here rather than in the first loop that writes the buffer.
    func zero() {
        UnsafeMutableRawPointer(pointer).initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    }
}
