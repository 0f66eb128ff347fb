import CSndFile
import Foundation

/// An open libsndfile handle, closed when the object goes away.
final class SoundFileHandle {
    let handle: OpaquePointer
    let url: URL
    var info: SF_INFO
    /// The virtual I/O state of a handle opened on an `AudioByteSource` (kept alive with it).
    private let virtual: VirtualFile?

    /// The error the byte source threw, if a read through it failed: what the caller throws
    /// instead of libsndfile's short read.
    var sourceFailure: Error? { virtual?.failure }

    /// Opens `url` for reading, classifying failures into `AudioError`s that name the file.
    init(reading url: URL) throws {
        try AudioError.checkReadableFile(url)
        var info = SF_INFO()
        guard let handle = sf_open(url.path, Int32(SFM_READ), &info) else {
            let code = sf_error(nil)
            let reason = String(cString: sf_strerror(nil))
            switch Int(code) {
            case Int(SF_ERR_UNRECOGNISED_FORMAT):
                throw AudioError.notAnAudioFile(url, reason: reason)
            case Int(SF_ERR_UNSUPPORTED_ENCODING):
                throw AudioError.unsupportedFormat(url, reason: reason)
            default:
                throw AudioError.readFailed(url, reason: reason)
            }
        }
        self.handle = handle
        self.url = url
        self.info = info
        virtual = nil
        try prepareForReading()
    }

    /// Opens the bytes of `source` for reading through libsndfile's virtual I/O (random
    /// access by offset; the source decides what a seek costs).
    ///
    /// - Throws: the source's own error when reading it failed, else an `AudioError` naming
    ///   `source.url`.
    init(reading source: AudioByteSource) throws {
        let url = source.url
        guard source.byteCount > 0 else { throw AudioError.emptyFile(url) }
        let virtual = VirtualFile(source)
        var io = SF_VIRTUAL_IO(
            get_filelen: { user in VirtualFile.from(user)?.length ?? -1 },
            seek: { offset, whence, user in VirtualFile.from(user)?.seek(offset, whence) ?? -1 },
            read: { pointer, count, user in VirtualFile.from(user)?.read(pointer, count) ?? 0 },
            write: { _, _, _ in 0 },
            tell: { user in VirtualFile.from(user)?.position ?? -1 })
        var info = SF_INFO()
        let opened = sf_open_virtual(&io, Int32(SFM_READ), &info, Unmanaged.passUnretained(virtual).toOpaque())
        if let failure = virtual.failure { throw failure }
        guard let handle = opened else {
            let code = sf_error(nil)
            let reason = String(cString: sf_strerror(nil))
            switch Int(code) {
            case Int(SF_ERR_UNRECOGNISED_FORMAT): throw AudioError.notAnAudioFile(url, reason: reason)
            case Int(SF_ERR_UNSUPPORTED_ENCODING): throw AudioError.unsupportedFormat(url, reason: reason)
            default: throw AudioError.readFailed(url, reason: reason)
            }
        }
        self.handle = handle
        self.url = url
        self.info = info
        self.virtual = virtual
        try prepareForReading()
    }

    /// Full-scale normalisation (integer PCM reads as k/2^(bits-1), exactly as Python
    /// soundfile reads it), then the check that the file is whole (`checkComplete`).
    private func prepareForReading() throws {
        sf_command(handle, Int32(SFC_SET_NORM_DOUBLE), nil, Int32(SF_TRUE))
        sf_command(handle, Int32(SFC_SET_NORM_FLOAT), nil, Int32(SF_TRUE))
        try checkComplete()
    }

    /// Opens `url` for writing with the given shape and format.
    init(writing url: URL, sampleRate: Int, channelCount: Int, format: AudioFileFormat, reportAs target: URL) throws {
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channelCount)
        info.format = format.sndfileFormat
        guard sf_format_check(&info) == SF_TRUE else {
            throw AudioError.writeFailed(
                target,
                reason: "libsndfile cannot write \(format) "
                    + "at \(sampleRate) Hz with \(channelCount) channels")
        }
        guard let handle = sf_open(url.path, Int32(SFM_WRITE), &info) else {
            throw AudioError.writeFailed(target, reason: String(cString: sf_strerror(nil)))
        }
        self.handle = handle
        self.url = url
        self.info = info
        virtual = nil
        if format.isInteger {
            // Clip instead of wrapping around; with clipping on, libsndfile scales doubles by
            // 2^(bits-1), so k/32768 written to 16-bit gives back exactly k.
            sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        }
    }

    private var isOpen = true

    /// Closes the file now (writing the header of a new file); returns libsndfile's status.
    @discardableResult
    func close() -> Int32 {
        guard isOpen else { return 0 }
        isOpen = false
        return sf_close(handle)
    }

    deinit { close() }

    var lastError: String { String(cString: sf_strerror(handle)) }

    /// The header fields as an `AudioFileInfo`.
    func fileInfo() -> AudioFileInfo {
        AudioFileInfo(
            url: url, frameCount: Int(info.frames), sampleRate: Int(info.samplerate),
            channelCount: Int(info.channels),
            formatName: Self.formatName(info.format & Int32(SF_FORMAT_TYPEMASK), command: SFC_GET_FORMAT_MAJOR),
            encodingName: Self.formatName(info.format & Int32(SF_FORMAT_SUBMASK), command: SFC_GET_FORMAT_SUBTYPE),
            formatCode: info.format)
    }

    private static func formatName(_ code: Int32, command: Int) -> String {
        let count: Int32 = 0
        var total = count
        let countCommand = command == SFC_GET_FORMAT_MAJOR ? SFC_GET_FORMAT_MAJOR_COUNT : SFC_GET_FORMAT_SUBTYPE_COUNT
        sf_command(nil, Int32(countCommand), &total, Int32(MemoryLayout<Int32>.size))
        for index in 0..<total {
            var formatInfo = SF_FORMAT_INFO()
            formatInfo.format = index
            sf_command(nil, Int32(command), &formatInfo, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
            if formatInfo.format == code, let name = formatInfo.name { return String(cString: name) }
        }
        return String(format: "0x%04X", code)
    }
}

/// The position and the first failure of a virtual-I/O read; libsndfile's callbacks reach
/// it through their `user_data` pointer (the handle keeps it alive).
private final class VirtualFile {
    let source: AudioByteSource
    let length: sf_count_t
    var position: sf_count_t = 0
    var failure: Error?

    init(_ source: AudioByteSource) {
        self.source = source
        length = sf_count_t(source.byteCount)
    }

    /// The object behind libsndfile's `user_data` (the pointer given to `sf_open_virtual`).
    static func from(_ user: UnsafeMutableRawPointer?) -> VirtualFile? {
        user.map { Unmanaged<VirtualFile>.fromOpaque($0).takeUnretainedValue() }
    }

    func seek(_ offset: sf_count_t, _ whence: Int32) -> sf_count_t {
        let base: sf_count_t
        switch whence {
        case SEEK_CUR: base = position
        case SEEK_END: base = length
        default: base = 0
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0 else { return -1 }
        position = target
        return position
    }

    func read(_ pointer: UnsafeMutableRawPointer?, _ count: sf_count_t) -> sf_count_t {
        guard failure == nil, let pointer, count > 0 else { return 0 }
        var done = 0
        let wanted = Int(clamping: count)
        do {
            while done < wanted {
                let got = try source.read(
                    into: UnsafeMutableRawBufferPointer(start: pointer + done, count: wanted - done),
                    at: Int(clamping: position) + done)
                if got <= 0 { break }
                done += got
            }
        } catch {
            failure = error
        }
        position += sf_count_t(done)
        return sf_count_t(done)
    }
}
