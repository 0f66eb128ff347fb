import CSndFile
import Foundation

extension SoundFileHandle {
    /// Throws `AudioError.truncatedFile` when the header states more bytes than the file
    /// holds (a file cut short by an interrupted copy or download), and
    /// `AudioError.unfinishedFile` when its header was never finished (its writer stopped
    /// before closing it).
    ///
    /// libsndfile then reads the samples that are there as a complete, shorter file, and
    /// says so only in its log (`data : 1200128 (should be 599922)`), so a cut reference
    /// would be scored as a healthy short track and a cut estimate zero-padded. The log is
    /// where libsndfile reports what the header stated against what it found; each format
    /// names the size it checks differently (`Self.sizeLines`).
    func checkComplete() throws {
        let markers: Set<String>
        switch info.format & Int32(SF_FORMAT_TYPEMASK) {
        case Int32(SF_FORMAT_WAV), Int32(SF_FORMAT_WAVEX), Int32(SF_FORMAT_AIFF): markers = ["data", "SSND"]
        // Their sample chunk is not checked against the file, their container size is.
        case Int32(SF_FORMAT_W64), Int32(SF_FORMAT_RF64): markers = ["riff", "Riff size"]
        default: return
        }
        var log = [CChar](repeating: 0, count: 16_384)
        let length = sf_command(handle, Int32(SFC_GET_LOG_INFO), &log, Int32(log.count - 1))
        guard length > 0 else { return }
        let text = String(decoding: log.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.contains(Self.unfinishedHeaderMessage) { throw AudioError.unfinishedFile(url) }
        for line in Self.sizeLines(inLog: text) where markers.contains(line.marker) {
            if Self.isCutShort(stated: line.stated, present: line.present) {
                throw AudioError.truncatedFile(url, statedBytes: line.stated, presentBytes: line.present)
            }
        }
    }

    /// What libsndfile logs for a WAV whose header was written at open and never updated
    /// (RIFF size 8, data size 0: its writer was killed, or wrote it to a pipe). It then
    /// reads every byte after the header as samples, however many the writer had written.
    static let unfinishedHeaderMessage = "Looks like a WAV file which wasn't closed properly"

    /// A size line of libsndfile's log: `MARKER : STATED (should be PRESENT)`.
    struct SizeLine: Equatable {
        var marker: String
        var stated: Int
        var present: Int
    }

    /// The size lines of a libsndfile log, in order; other lines are skipped.
    static func sizeLines(inLog log: String) -> [SizeLine] {
        log.split(separator: "\n").compactMap { line in
            guard let colon = line.range(of: " : "), let open = line.range(of: " (should be "),
                colon.upperBound <= open.lowerBound, line.hasSuffix(")")
            else { return nil }
            let marker = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
            let stated = line[colon.upperBound..<open.lowerBound].trimmingCharacters(in: .whitespaces)
            let present = line[open.upperBound...].dropLast()
            guard let stated = Int(stated), let present = Int(present) else { return nil }
            return SizeLine(marker: marker, stated: stated, present: present)
        }
    }

    /// Whether the file is shorter than stated by more than a pad byte or a miscounted
    /// header field, and the stated size is not the placeholder a writer to a pipe leaves
    /// (0xFFFFFFFF, or just under 2³¹ from some tools), which states no length at all.
    static func isCutShort(stated: Int, present: Int) -> Bool {
        stated < 0x7FFF_0000 && stated - present > 8
    }
}
