import Foundation

/// The list of tracks a MUSDB18-shaped dataset should hold, with split and metadata.
///
/// `Manifest.musdb18` is the official list (built into the library, the same bytes as
/// `Manifests/musdb18.json`); `musdb sample` writes one for its synthetic dataset to
/// `ROOT/manifest.json`.
public struct Manifest: Codable, Sendable, Equatable {
    /// The dataset name, e.g. `MUSDB18`.
    public var name: String
    /// The sample rate every file should have.
    public var sampleRate: Int
    /// The channel count every file should have.
    public var channelCount: Int
    /// The tracks, in code-point order of their names.
    public var tracks: [ManifestTrack]

    public init(name: String, sampleRate: Int, channelCount: Int, tracks: [ManifestTrack]) {
        self.name = name
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.tracks = tracks
    }

    /// The 150 tracks of MUSDB18 / MUSDB18-HQ.
    public static let musdb18: Manifest = {
        do { return try Manifest(jsonData: Data(musdb18JSON.utf8)) } catch {
            fatalError("the built-in MUSDB18 manifest does not parse: \(error)")
        }
    }()

    /// Parses manifest JSON.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(Manifest.self, from: jsonData)
    }

    /// Reads a manifest file.
    public init(contentsOf url: URL) throws {
        do { try self.init(jsonData: Data(contentsOf: url)) } catch {
            throw MUSDBError.invalidManifest(url, reason: "\(error)")
        }
    }

    /// The names of the validation tracks (`split == valid`).
    public var validationTrackNames: Set<String> {
        Set(tracks.filter { $0.split == .valid }.map(\.name))
    }

    /// The entry for `name`, if any.
    public func track(named name: String) -> ManifestTrack? {
        tracks.first { $0.name == name }
    }

    /// Pretty-printed JSON with sorted keys, so the same manifest always gives the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] // sorted: byte-stable
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
