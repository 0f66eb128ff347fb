import Checksum
import Foundation
import ZIPFoundation

/// The bytes of one zip member read as a file is read, at any offset, on top of a forward
/// stream: ZIPFoundation inflates (or, for a stored member, copies) the member from its
/// start on a helper thread, a few chunks ahead of the reader.
///
/// - Reading forward costs what it reads: a read past the current position skips (inflates
///   and drops) the bytes before it, a read at or past the member's end returns 0 without
///   inflating anything, so a WAV header costs at most the read-ahead (5 chunks, 320 KiB) and an excerpt at
///   `t` costs the bytes up to `t` plus the excerpt, never the member's tail.
/// - A read before the current position restarts the stream from the member's start
///   (`restarts` counts them). ZIPFoundation 0.9.20 does not make a member's data offset
///   public, so stored members are streamed the same way (copied, not inflated).
/// - Integrity: when the stream reaches the member's end the bytes read are checked
///   against the central directory's size and CRC-32; a mismatch is
///   `ArchiveError.checksumMismatch` / `sizeMismatch` naming `archive.zip:member`, thrown by
///   the read that reaches the end, so a member read in full never yields bytes silently.
///   `verifyToEnd()` reads what is left and checks; an excerpt that stops short is not
///   checked (zlib still refuses corrupt deflate data as it goes).
///
/// Not for concurrent use: one stream per reader (each has its own thread and file handle).
public final class ZipMemberStream {
    /// The archive file.
    public let archive: URL
    /// The member read.
    public let member: ZipMember
    /// Bytes the helper thread has produced, over all restarts (what reading cost).
    public private(set) var producedBytes: UInt64 = 0
    /// How many times a backward read restarted the stream.
    public private(set) var restarts = 0

    private var producer: Producer?
    /// Offset in the member of the next byte `chunk[chunkOffset...]` holds.
    private var position: UInt64 = 0
    private var chunk = Data()
    private var chunkOffset = 0
    private var checked = false
    /// The CRC-32 of every byte the current producer has handed over (zlib's: ZIPFoundation
    /// on Linux computes its own in Swift, several times slower, so it is told to skip it).
    private var crc = CRC32()

    /// `archive.zip:member`.
    public var name: String { ArchiveError.name(archive: archive, member: member.path) }

    init(archive: URL, member: ZipMember) {
        self.archive = archive
        self.member = member
    }

    deinit { producer?.cancel() }

    /// Copies up to `buffer.count` bytes from `offset` into `buffer`; returns how many (0 at
    /// or past the end).
    ///
    /// - Throws: `ArchiveError` naming the member: unreadable or corrupt data, a size or
    ///   CRC-32 mismatch once the end is reached, a negative offset.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard offset >= 0 else {
            throw ArchiveError.invalidOffset(archive: archive, member: member.path, offset: offset)
        }
        let start = UInt64(offset)
        guard start < member.size, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if start < position { restart() }
        try skip(to: start)
        var copied = 0
        while copied < buffer.count, position < member.size {
            guard try fill() else { break }
            let count = min(buffer.count - copied, chunk.count - chunkOffset, Int(clamping: member.size - position))
            chunk.withUnsafeBytes { bytes in
                if let source = bytes.baseAddress {
                    (base + copied).copyMemory(from: source + chunkOffset, byteCount: count)
                }
            }
            chunkOffset += count
            position += UInt64(count)
            copied += count
        }
        if position == member.size { try checkEnd() }
        return copied
    }

    /// Reads the rest of the member and checks its size and CRC-32 (what a caller that read
    /// a member "in full" through a format reader, which may stop before trailing bytes,
    /// calls to be sure of the whole member).
    public func verifyToEnd() throws {
        if checked, position == member.size { return }
        try skip(to: member.size)
        try checkEnd()
    }

    /// Starts over from the member's first byte.
    private func restart() {
        producer?.cancel()
        producer = nil
        position = 0
        chunk = Data()
        chunkOffset = 0
        checked = false
        crc = CRC32()
        restarts += 1
    }

    /// Drops bytes until `position == target` (or the member ends early, which `checkEnd`
    /// reports).
    private func skip(to target: UInt64) throws {
        while position < target {
            guard try fill() else { return }
            let count = min(chunk.count - chunkOffset, Int(clamping: target - position))
            chunkOffset += count
            position += UInt64(count)
        }
    }

    /// Makes `chunk[chunkOffset...]` non-empty; false when the producer has finished.
    private func fill() throws -> Bool {
        while chunkOffset >= chunk.count {
            let producer = self.producer ?? Producer(archive: archive, member: member)
            self.producer = producer
            guard let next = try producer.next() else {
                if position < member.size {
                    throw ArchiveError.sizeMismatch(
                        archive: archive, member: member.path, expected: member.size, found: position)
                }
                return false
            }
            producedBytes += UInt64(next.count)
            crc.update(next)
            chunk = next
            chunkOffset = 0
        }
        return true
    }

    /// At the member's end: no bytes beyond the declared size, and the CRC-32 recorded.
    private func checkEnd() throws {
        guard !checked else { return }
        let producer = self.producer ?? Producer(archive: archive, member: member)
        self.producer = producer
        // One byte too many is enough: the extraction is not waited for (a deflate stream that
        // runs on past the member may only end at the end of the archive, or never).
        var extra = UInt64(chunk.count - chunkOffset)
        while extra == 0, let more = try producer.next() { extra += UInt64(more.count) }
        if extra > 0 {
            throw ArchiveError.sizeMismatch(
                archive: archive, member: member.path, expected: member.size, found: member.size + extra)
        }
        guard crc.value == member.crc32 else {
            throw ArchiveError.checksumMismatch(
                archive: archive, member: member.path, expected: member.crc32, found: crc.value)
        }
        checked = true
    }
}

/// The helper thread of a `ZipMemberStream`: runs ZIPFoundation's extraction of one member
/// and hands its chunks over through a queue of at most `depth` chunks, so it is never more
/// than `depth × chunkSize` bytes ahead of the reader. Cancelling makes its next hand-over
/// throw, which ends the extraction and the thread.
private final class Producer: @unchecked Sendable {
    static let chunkSize = 1 << 16
    static let depth = 4

    private let condition = NSCondition()
    private var queue: [Data] = []
    private var outcome: Result<Void, Error>?
    private var cancelled = false
    private let archive: URL
    private let member: ZipMember

    init(archive: URL, member: ZipMember) {
        self.archive = archive
        self.member = member
        let thread = Thread { [self] in run() }
        thread.name = "zip member"
        thread.start()
    }

    private struct Cancelled: Error {}

    private func run() {
        let result = Result { () throws in
            let zip = try Archive(url: archive, accessMode: .read)
            _ = try zip.extract(member.entry.entry, bufferSize: Self.chunkSize, skipCRC32: true) { data in
                condition.lock()
                defer { condition.unlock() }
                while queue.count >= Self.depth, !cancelled { condition.wait() }
                if cancelled { throw Cancelled() }
                queue.append(data)
                condition.broadcast()
            }
        }
        condition.lock()
        outcome = result
        condition.broadcast()
        condition.unlock()
    }

    /// How long the reader waits for one chunk before calling the member unreadable.
    /// ZIPFoundation 0.9.20's inflater loops without end, never calling back, when a deflate
    /// stream runs on to the end of the archive file (a damaged or crafted member: at end of
    /// file its reads return no bytes and no error). A healthy chunk takes milliseconds.
    static let stallTimeout: TimeInterval = 30

    /// The next chunk, nil once the extraction has finished.
    ///
    /// - Throws: `ArchiveError.unreadableMember` when the extraction failed or stalled.
    func next() throws -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, outcome == nil {
            if !condition.wait(until: Date(timeIntervalSinceNow: Self.stallTimeout)), queue.isEmpty, outcome == nil {
                cancelled = true
                throw ArchiveError.unreadableMember(
                    archive: archive, member: member.path,
                    reason: "no data for \(Int(Self.stallTimeout)) s: the deflate stream runs past the member's end")
            }
        }
        if !queue.isEmpty {
            let data = queue.removeFirst()
            condition.broadcast()
            return data
        }
        if case let .failure(error)? = outcome {
            throw ArchiveError.unreadableMember(archive: archive, member: member.path, reason: ZipArchive.reason(error))
        }
        return nil
    }

    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
