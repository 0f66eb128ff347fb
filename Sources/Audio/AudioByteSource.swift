import Foundation

/// The bytes of a sound file that is not a file on disk (a member of a zip archive), read
/// by offset. `AudioFile` reads WAVs from it through libsndfile's virtual I/O and
/// `StemFile` pipes it to ffmpeg, so the audio code needs no knowledge of where the bytes
/// come from.
///
/// An error thrown by `read` (a damaged archive, a CRC-32 mismatch) is what the reading
/// call throws, unchanged: it is never turned into a short read that yields samples.
public protocol AudioByteSource: AnyObject {
    /// The name in messages (for a zip member, `archive.zip:member` as a file URL's path).
    var url: URL { get }
    /// The number of bytes.
    var byteCount: Int { get }
    /// Copies up to `buffer.count` bytes from `offset` into `buffer`; returns how many were
    /// copied, 0 at or past the end.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int
}

/// Opens a fresh `AudioByteSource` for each reader (each ffmpeg run, each decode thread).
public typealias AudioByteSourceOpener = @Sendable () throws -> AudioByteSource
