import CSndFile
import Foundation

/// An open libsndfile handle, closed when the object goes away.
final class SoundFileHandle {
    let handle: OpaquePointer
    let url: URL
    var info: SF_INFO

    /// Opens `url` for reading, classifying failures into `AudioError`s that name the file.
    init(reading url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AudioError.fileNotFound(url)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
            size.intValue == 0
        {
            throw AudioError.emptyFile(url)
        }
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
        // Full-scale normalisation: integer PCM k/2^(bits-1), exactly as Python soundfile reads.
        sf_command(handle, Int32(SFC_SET_NORM_DOUBLE), nil, Int32(SF_TRUE))
        sf_command(handle, Int32(SFC_SET_NORM_FLOAT), nil, Int32(SF_TRUE))
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
