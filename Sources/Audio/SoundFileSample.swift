import CSndFile

/// A sample type libsndfile reads and writes directly: `Float` or `Double`.
public protocol SoundFileSample: BinaryFloatingPoint, Sendable {
    /// Reads up to `frames` frames; returns the number read.
    static func readFrames(_ handle: OpaquePointer, _ buffer: UnsafeMutablePointer<Self>?, _ frames: Int) -> Int
    /// Writes `frames` frames; returns the number written.
    static func writeFrames(_ handle: OpaquePointer, _ buffer: UnsafePointer<Self>?, _ frames: Int) -> Int
}

extension Double: SoundFileSample {
    public static func readFrames(_ handle: OpaquePointer, _ buffer: UnsafeMutablePointer<Double>?, _ frames: Int)
        -> Int
    {
        Int(sf_readf_double(handle, buffer, sf_count_t(frames)))
    }
    public static func writeFrames(_ handle: OpaquePointer, _ buffer: UnsafePointer<Double>?, _ frames: Int) -> Int {
        Int(sf_writef_double(handle, buffer, sf_count_t(frames)))
    }
}

extension Float: SoundFileSample {
    public static func readFrames(_ handle: OpaquePointer, _ buffer: UnsafeMutablePointer<Float>?, _ frames: Int) -> Int
    {
        Int(sf_readf_float(handle, buffer, sf_count_t(frames)))
    }
    public static func writeFrames(_ handle: OpaquePointer, _ buffer: UnsafePointer<Float>?, _ frames: Int) -> Int {
        Int(sf_writef_float(handle, buffer, sf_count_t(frames)))
    }
}
