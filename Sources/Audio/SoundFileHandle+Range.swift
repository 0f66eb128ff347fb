import CSndFile
import Foundation

extension SoundFileHandle {
    /// `url` opened for reading and positioned at the first frame of `frames` (the whole
    /// file when nil), with its header and the range checked against the file's length.
    static func opening(_ url: URL, at frames: Range<Int>?) throws
        -> (file: SoundFileHandle, info: AudioFileInfo, range: Range<Int>)
    {
        try positioned(SoundFileHandle(reading: url), at: frames)
    }

    /// `source` opened for reading and positioned as `opening(_:at:)` positions a file.
    static func opening(_ source: AudioByteSource, at frames: Range<Int>?) throws
        -> (file: SoundFileHandle, info: AudioFileInfo, range: Range<Int>)
    {
        try positioned(SoundFileHandle(reading: source), at: frames)
    }

    private static func positioned(_ file: SoundFileHandle, at frames: Range<Int>?) throws
        -> (file: SoundFileHandle, info: AudioFileInfo, range: Range<Int>)
    {
        let url = file.url
        let info = file.fileInfo()
        let range = frames ?? 0..<info.frameCount
        guard range.lowerBound >= 0, range.upperBound <= info.frameCount else {
            throw AudioError.invalidFrameRange(url, requested: range, frameCount: info.frameCount)
        }
        if range.lowerBound > 0, sf_seek(file.handle, sf_count_t(range.lowerBound), SEEK_SET) < 0 {
            if let failure = file.sourceFailure { throw failure }
            throw AudioError.readFailed(url, reason: "cannot seek to frame \(range.lowerBound): \(file.lastError)")
        }
        return (file, info, range)
    }
}
