import CZlibShim
import Foundation

/// A decoded 8-bit RGB or RGBA PNG (what Chromium's screenshots are), enough to tell a
/// rendered page from a blank one.
struct PNGImage {
    var width: Int
    var height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    var channels: Int
    /// Unfiltered rows, `height × width × channels` bytes.
    var pixels: [UInt8]

    enum DecodingError: Error, CustomStringConvertible {
        case notPNG(String)
        var description: String {
            switch self {
            case .notPNG(let reason): return "not a PNG this test reads: \(reason)"
            }
        }
    }

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count > 8, bytes[0..<8].elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else {
            throw DecodingError.notPNG("\(url.path): no PNG signature")
        }
        func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var compressed: [UInt8] = []
        var header: (width: Int, height: Int, depth: UInt8, type: UInt8, interlace: UInt8)?
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let start = offset + 8
            guard start + length <= bytes.count else { throw DecodingError.notPNG("truncated \(type) chunk") }
            if type == "IHDR" {
                header = (be32(start), be32(start + 4), bytes[start + 8], bytes[start + 9], bytes[start + 12])
            } else if type == "IDAT" {
                compressed += bytes[start..<(start + length)]
            } else if type == "IEND" {
                break
            }
            offset = start + length + 4
        }
        guard let header, header.depth == 8, header.type == 2 || header.type == 6, header.interlace == 0 else {
            throw DecodingError.notPNG("only 8-bit RGB/RGBA, non-interlaced")
        }
        width = header.width
        height = header.height
        channels = header.type == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var size = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &size, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(size) == raw.count else { throw DecodingError.notPNG("zlib status \(status)") }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let x = Int(raw[row * (stride + 1) + 1 + i])
                let a = i >= channels ? Int(pixels[row * stride + i - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[(row - 1) * stride + i - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw DecodingError.notPNG("filter \(filter)")
                }
                pixels[row * stride + i] = UInt8((x + predicted) & 0xFF)
            }
        }
        self.pixels = pixels
    }

    /// The fraction of pixels that are not (near) white.
    var inkedFraction: Double {
        var inked = 0
        for p in stride(from: 0, to: pixels.count, by: channels)
        where pixels[p] < 240 || pixels[p + 1] < 240 || pixels[p + 2] < 240 {
            inked += 1
        }
        return Double(inked) / Double(width * height)
    }

    /// The number of distinct RGB colours.
    var colourCount: Int {
        var seen = Set<Int>()
        for p in stride(from: 0, to: pixels.count, by: channels) {
            seen.insert(Int(pixels[p]) << 16 | Int(pixels[p + 1]) << 8 | Int(pixels[p + 2]))
        }
        return seen.count
    }
}
