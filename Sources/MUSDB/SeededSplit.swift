import Foundation
import SeededRandom

/// A reproducible train/valid/test split for datasets that ship none (MoisesDB, a generic
/// folder), and the train/valid split of those that ship only train/test (DSD100).
///
/// Each track is placed by its own draw: SplitMix64 seeded with `seed` and the FNV-1a hash
/// of the track's name, so a track's place never depends on which other tracks are present
/// or on their order (a shuffle of the whole list would move every track when one is added).
/// The fractions are therefore met on average, not exactly. Tracks listed in `assignments`
/// (a stored split file) keep the place stored there.
public struct SeededSplit: Sendable, Equatable, Codable {
    /// Where a track goes.
    public enum Place: String, Sendable, Codable, CaseIterable {
        case train, valid, test
    }

    public var seed: UInt64
    /// The expected fraction of tracks in test (for datasets without a test subset).
    public var test: Double
    /// The expected fraction of tracks in valid.
    public var valid: Double
    /// Stored places by track name; they take precedence over the draw.
    public var tracks: [String: Place]

    public init(seed: UInt64 = 2024, test: Double = 0.2, valid: Double = 0.1, tracks: [String: Place] = [:]) {
        self.seed = seed
        self.test = test
        self.valid = valid
        self.tracks = tracks
    }

    /// The default: seed 2024, 20 % test, 10 % valid.
    public static let standard = SeededSplit()

    /// The place of track `name` in a dataset without a test subset of its own.
    public func place(of name: String) -> Place {
        if let stored = tracks[name] { return stored }
        let draw = uniform(name, stream: 0)
        return draw < test ? .test : draw < test + valid ? .valid : .train
    }

    /// Whether a training track of a dataset that has its own test subset is a
    /// validation track (a draw of its own, with probability `valid`).
    public func isValidation(_ name: String) -> Bool {
        if let stored = tracks[name] { return stored == .valid }
        return uniform(name, stream: 1) < valid
    }

    /// The subset and split a track takes: its dataset's subset when it has one.
    public func subsetAndSplit(of name: String, official: Subset?) -> (Subset, Split?) {
        if let official {
            return official == .test ? (.test, nil) : (.train, isValidation(name) ? .valid : .train)
        }
        switch place(of: name) {
        case .test: return (.test, nil)
        case .valid: return (.train, .valid)
        case .train: return (.train, .train)
        }
    }

    private func uniform(_ name: String, stream: UInt64) -> Double {
        var generator = SplitMix64(seed: seed ^ Self.fnv1a(name), stream: stream)
        return generator.nextUniform()
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: a fixed, portable hash (Swift's `Hasher` is
    /// randomly seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// Reads a split file (`musdb split` writes them).
    ///
    /// - Throws: `MUSDBError.invalidSplitFile` naming the file and the fault.
    public init(contentsOf url: URL) throws {
        self = try JSONFile.decode(SeededSplit.self, from: url) { MUSDBError.invalidSplitFile(url, reason: $0) }
        guard test >= 0, valid >= 0, test + valid <= 1, test.isFinite, valid.isFinite else {
            throw MUSDBError.invalidSplitFile(
                url, reason: "the fractions test \(test) and valid \(valid) must be ≥ 0 and add up to at most 1")
        }
    }

    /// The JSON of this split, keys sorted, one track per line.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
