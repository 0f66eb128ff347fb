import FileOutput
import Foundation

extension TrackScores {
    /// The JSON text museval 0.4.1's `TrackStore.json` produces for these scores, byte for
    /// byte: indent 2, keys in museval's order (targets, museval_version; name, frames; time,
    /// duration, metrics; SDR, SIR, SAR, ISR), metrics rounded half-even to 5 decimals and
    /// written with 5 decimals, ±∞ and NaN as the bare token `NaN`, times as Python floats,
    /// no final newline. A nil `musevalVersion` leaves the field out.
    public func jsonString() -> String {
        var out = "{\n  \"targets\": ["
        if targets.isEmpty {
            out += "]"
        } else {
            for (t, target) in targets.enumerated() {
                out += t == 0 ? "\n" : ",\n"
                out += "    {\n      \"name\": " + Self.quoted(target.name) + ",\n      \"frames\": ["
                if target.frames.isEmpty {
                    out += "]"
                } else {
                    for (f, frame) in target.frames.enumerated() {
                        out += f == 0 ? "\n" : ",\n"
                        out += "        {\n          \"time\": " + PythonFloatFormat.repr(frame.time)
                        out += ",\n          \"duration\": " + PythonFloatFormat.repr(frame.duration)
                        out += ",\n          \"metrics\": {"
                        for (m, metric) in Metric.jsonOrder.enumerated() {
                            out += (m == 0 ? "\n" : ",\n") + "            \"" + metric.name + "\": "
                            out += PythonFloatFormat.fixed5(frame[metric])
                        }
                        out += "\n          }\n        }"
                    }
                    out += "\n      ]"
                }
                out += "\n    }"
            }
            out += "\n  ]"
        }
        if let version = musevalVersion {
            out += ",\n  \"museval_version\": " + Self.quoted(version)
        }
        out += "\n}"
        return out
    }

    /// Writes `jsonString()` to `url` atomically (temporary file in the same folder, then rename).
    public func write(to url: URL) throws {
        try ScoresFileError.mappingWrite { try AtomicFile.write(jsonString(), to: url) }
    }

    /// Writes the scores where museval puts them, `folder/<subset>/<track>.json`, creating the
    /// subset folder when needed; returns the file's URL.
    @discardableResult
    public func write(toResultsFolder folder: URL, subset: String) throws -> URL {
        let subsetFolder = folder.appendingPathComponent(subset, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: subsetFolder, withIntermediateDirectories: true)
        } catch {
            throw ScoresFileError.unwritable(path: subsetFolder.path, reason: error.localizedDescription)
        }
        let url = subsetFolder.appendingPathComponent(track + ".json")
        try write(to: url)
        return url
    }

    /// A JSON string literal as Python's json writes it with `ensure_ascii=True`: `"` `\` and
    /// control characters escaped, everything outside ASCII as `\uXXXX` (surrogate pairs).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}

extension TrackScores {
    /// Reads a museval score file of any version: ours, museval 0.4.1's, and the SiSEC 2018
    /// files (other key order, no `museval_version`). The track name is the file name without
    /// its extension, as museval's `add_eval_dir` uses `Path.stem`.
    public init(contentsOf url: URL) throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw ScoresFileError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        try self.init(json: bytes, track: url.deletingPathExtension().lastPathComponent, path: url.path)
    }

    /// Decodes score JSON. Member order does not matter and unknown members are skipped; a
    /// metric given as `null` or missing reads as NaN. `path` only names the source in errors.
    public init(json bytes: [UInt8], track: String, path: String = "<json>") throws {
        do {
            self = try LenientJSONReader.read(bytes) { reader in
                var targets: [TargetScores] = []
                var version: String?
                var sawTargets = false
                guard let first = reader.peek() else { throw reader.error("expected a value, found end of file") }
                guard first == UInt8(ascii: "{") else {
                    throw ContentError(location: "", reason: "the file must hold a JSON object with \"targets\"")
                }
                try reader.forEachMember { reader, key in
                    switch key {
                    case "targets":
                        sawTargets = true
                        guard reader.peek() == UInt8(ascii: "[") else {
                            throw ContentError(location: "targets", reason: "\"targets\" must be an array")
                        }
                        try reader.forEachElement { reader, index in
                            targets.append(try Self.readTarget(&reader, index: index))
                        }
                    case "museval_version":
                        if case .string(let text) = try reader.readValue() { version = text }
                    default:
                        try reader.skipValue()
                    }
                }
                try reader.expectEnd()
                guard sawTargets else { throw ContentError(location: "", reason: "no \"targets\" member") }
                return TrackScores(track: track, targets: targets, musevalVersion: version)
            }
        } catch let error as JSONSyntaxError {
            throw ScoresFileError.malformedJSON(path: path, error)
        } catch let error as ContentError {
            throw ScoresFileError.unexpectedContent(path: path, location: error.location, reason: error.reason)
        }
    }

    /// A content problem found while decoding; the location string is only built on failure
    /// (building it for each of a million frames would cost more than the parsing).
    private struct ContentError: Error {
        var location: String
        var reason: String
    }

    private static func readTarget(_ reader: inout LenientJSONReader, index target: Int) throws -> TargetScores {
        var name: String?
        var frames: [FrameScores]?
        guard reader.peek() == UInt8(ascii: "{") else {
            throw ContentError(
                location: "targets[\(target)]",
                reason: "a target must be an object with \"name\" and \"frames\"")
        }
        try reader.forEachMember { reader, key in
            switch key {
            case "name":
                guard case .string(let text) = try reader.readValue() else {
                    throw ContentError(location: "targets[\(target)].name", reason: "the target name must be a string")
                }
                name = text
            case "frames":
                guard reader.peek() == UInt8(ascii: "[") else {
                    throw ContentError(location: "targets[\(target)].frames", reason: "\"frames\" must be an array")
                }
                var list: [FrameScores] = []
                list.reserveCapacity(512)
                try reader.forEachElement { reader, index in
                    list.append(try readFrame(&reader, target: target, frame: index))
                }
                frames = list
            default:
                try reader.skipValue()
            }
        }
        guard let name else { throw ContentError(location: "targets[\(target)]", reason: "the target has no \"name\"") }
        guard let frames else {
            throw ContentError(location: "targets[\(target)]", reason: "the target \"\(name)\" has no \"frames\"")
        }
        return TargetScores(name: name, frames: frames)
    }

    private static func readFrame(_ reader: inout LenientJSONReader, target: Int, frame index: Int) throws
        -> FrameScores
    {
        var frame = FrameScores(time: .nan, duration: .nan, sdr: .nan, sir: .nan, sar: .nan, isr: .nan)
        var sawMetrics = false
        func location(_ suffix: String = "") -> String { "targets[\(target)].frames[\(index)]" + suffix }
        guard reader.peek() == UInt8(ascii: "{") else {
            throw ContentError(
                location: location(),
                reason: "a frame must be an object with \"time\", \"duration\" and \"metrics\"")
        }
        // Raw keys: comparing bytes instead of building a String per key (7 per frame).
        try reader.forEachRawMember { reader, key in
            if reader.key(key, is: "time") {
                frame.time =
                    try readNumber(&reader)
                    ?? { throw ContentError(location: location(".time"), reason: "\"time\" must be a number") }()
            } else if reader.key(key, is: "duration") {
                frame.duration =
                    try readNumber(&reader)
                    ?? {
                        throw ContentError(location: location(".duration"), reason: "\"duration\" must be a number")
                    }()
            } else if reader.key(key, is: "metrics") {
                sawMetrics = true
                guard reader.peek() == UInt8(ascii: "{") else {
                    throw ContentError(location: location(".metrics"), reason: "\"metrics\" must be an object")
                }
                try reader.forEachRawMember { reader, name in
                    let metric: Metric
                    if reader.key(name, is: "SDR") {
                        metric = .sdr
                    } else if reader.key(name, is: "SIR") {
                        metric = .sir
                    } else if reader.key(name, is: "SAR") {
                        metric = .sar
                    } else if reader.key(name, is: "ISR") {
                        metric = .isr
                    } else {
                        return try reader.skipValue()
                    }
                    guard let value = try readNumber(&reader) else {
                        let text = reader.string(of: name)
                        throw ContentError(
                            location: location(".metrics." + text), reason: "\"\(text)\" must be a number")
                    }
                    frame[metric] = value
                }
            } else {
                try reader.skipValue()
            }
        }
        guard sawMetrics else { throw ContentError(location: location(), reason: "the frame has no \"metrics\"") }
        return frame
    }

    /// A number (NaN, ±Infinity included; `null` reads as NaN), or nil when the value is not one.
    @inline(__always)
    private static func readNumber(_ reader: inout LenientJSONReader) throws -> Double? {
        if try reader.readNullIfPresent() { return .nan }
        guard let byte = reader.peek(),
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "N")
                || byte == UInt8(ascii: "I") || (byte >= 0x30 && byte <= 0x39)
        else { return nil }
        return try reader.readNumber()
    }
}
