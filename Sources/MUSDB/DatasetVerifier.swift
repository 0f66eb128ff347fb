import Audio
import Foundation

/// Checks a dataset on disk against a manifest: missing or extra tracks, missing or
/// unreadable stems, wrong rate or channel count, stems of different lengths, test
/// tracks of the wrong length, and how far the mixture is from the sum of the stems.
public struct DatasetVerifier: Sendable {
    public var root: URL
    public var isWav: Bool
    public var manifest: Manifest
    /// Check only the tracks present (no "missing track" problems): for partial roots.
    public var presentOnly: Bool
    /// Decode everything and measure mixture − Σ stems (slow for a full dataset).
    public var checksMixture: Bool
    /// The largest acceptable mixture error, in dB relative to the mixture energy.
    /// Real MUSDB18 mixtures are mastered, so they are close to but not the sum.
    public var mixtureToleranceDB: Double

    public init(
        root: URL, isWav: Bool, manifest: Manifest, presentOnly: Bool = false,
        checksMixture: Bool = true, mixtureToleranceDB: Double = -10
    ) {
        self.root = root
        self.isWav = isWav
        self.manifest = manifest
        self.presentOnly = presentOnly
        self.checksMixture = checksMixture
        self.mixtureToleranceDB = mixtureToleranceDB
    }

    /// The manifest for `root`: `root/manifest.json` when present, else MUSDB18's.
    public static func manifest(for root: URL) throws -> Manifest {
        let local = root.appendingPathComponent("manifest.json")
        return FileManager.default.fileExists(atPath: local.path) ? try Manifest(contentsOf: local) : .musdb18
    }

    /// Runs every check. Throws only when the root itself is unusable (a zip root: also
    /// when it is not a readable zip or holds no `train/` or `test/`). Every member of a
    /// zip that is decoded (with `checksMixture`) is read in full and so CRC-checked.
    public func verify(progress: ((String) -> Void)? = nil) throws -> VerificationReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw MUSDBError.rootNotFound(root)
        }
        let storage: TrackStorage = isDirectory.boolValue ? .folder : .zip(try ZipDataset(url: root))
        var report = VerificationReport()
        var present = [(Subset, String)]()
        for subset in Subset.allCases {
            let listing = Database.listTracks(subset: subset, root: root, isWav: isWav, storage: storage)
            present += listing.names.map { (subset, $0) }
            report.problems += listing.problems.map(VerificationProblem.unindexable)
        }
        let presentNames = Dictionary(present.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
        if !presentOnly {
            for entry in manifest.tracks where presentNames[entry.name] == nil {
                report.problems.append(.missingTrack(name: entry.name, subset: entry.subset))
            }
        }
        for (index, (subset, name)) in present.enumerated() {
            progress?("[\(index + 1)/\(present.count)] \(subset.rawValue)/\(name)")
            let entry = manifest.track(named: name)
            if entry == nil {
                report.problems.append(.extraTrack(name: name, subset: subset))
            } else if let entry, entry.subset != subset {
                report.problems.append(.wrongSubset(name: name, found: subset, expected: entry.subset))
            }
            let before = report.problems.count
            var result =
                isWav
                ? checkWAVTrack(name, subset: subset, entry: entry, storage: storage, problems: &report.problems)
                : checkStemTrack(name, subset: subset, entry: entry, storage: storage, problems: &report.problems)
            // The header checks already name rate, channel and length faults; decoding such a
            // track would only report them again, so the mixture is measured on clean headers.
            let stemFaults = report.problems[before...].filter {
                if case .wrongTestLength = $0 { return false }; return true
            }
            if checksMixture, stemFaults.isEmpty {
                result.mixtureErrorDB = measureMixture(
                    name, subset: subset, storage: storage, problems: &report.problems)
            }
            report.tracks.append(result)
        }
        return report
    }

    private func checkWAVTrack(
        _ name: String, subset: Subset, entry: ManifestTrack?, storage: TrackStorage,
        problems: inout [VerificationProblem]
    ) -> VerificationReport.TrackResult {
        var frames = [String: Int]()
        var paths = [String: String]()
        for stem in ["mixture"] + Source.allCases.map(\.rawValue) {
            let url = storage.url("\(subset.rawValue)/\(name)/\(stem).wav", root: root)
            paths[stem] = url.path
            guard storage.exists(url) else {
                problems.append(.missingStem(track: name, stem: stem, path: url.path))
                continue
            }
            do {
                let info = try storage.audioInfo(url)
                frames[stem] = info.frameCount
                checkShape(
                    name, stem: stem, path: url.path, rate: info.sampleRate, channels: info.channelCount,
                    problems: &problems)
            } catch {
                problems.append(.unreadableStem(track: name, stem: stem, message: "\(error)"))
            }
        }
        return finish(name, subset: subset, entry: entry, frames: frames, paths: paths, problems: &problems)
    }

    private func checkStemTrack(
        _ name: String, subset: Subset, entry: ManifestTrack?, storage: TrackStorage,
        problems: inout [VerificationProblem]
    ) -> VerificationReport.TrackResult {
        let url = storage.url("\(subset.rawValue)/\(name).stem.mp4", root: root)
        let info: StemFileInfo
        do { info = try storage.stemFile(url).info() } catch {
            problems.append(.unreadableStem(track: name, stem: "stem file", message: "\(error)"))
            return .init(name: name, subset: subset, frameCount: nil, mixtureErrorDB: nil)
        }
        var frames = [String: Int]()
        var paths = [String: String]()
        let stems: [(String, Int)] = [("mixture", 0)] + Source.allCases.map { ($0.rawValue, $0.streamIndex ?? 0) }
        for (stem, index) in stems {
            guard let stream = info.streams.first(where: { $0.index == index && $0.isAudio }) else {
                problems.append(.missingStem(track: name, stem: stem, path: "\(url.path) stream \(index)"))
                continue
            }
            frames[stem] = stream.durationTimestamps
            paths[stem] = "\(url.path) stream \(index)"
            checkShape(
                name, stem: stem, path: paths[stem] ?? url.path, rate: stream.sampleRate,
                channels: stream.channelCount, problems: &problems)
        }
        return finish(name, subset: subset, entry: entry, frames: frames, paths: paths, problems: &problems)
    }

    private func checkShape(
        _ name: String, stem: String, path: String, rate: Int, channels: Int,
        problems: inout [VerificationProblem]
    ) {
        if rate != manifest.sampleRate {
            problems.append(.wrongRate(track: name, stem: stem, found: rate, expected: manifest.sampleRate, path: path))
        }
        if channels != manifest.channelCount {
            problems.append(
                .wrongChannelCount(
                    track: name, stem: stem, found: channels, expected: manifest.channelCount,
                    path: path))
        }
    }

    private func finish(
        _ name: String, subset: Subset, entry: ManifestTrack?, frames: [String: Int],
        paths: [String: String], problems: inout [VerificationProblem]
    ) -> VerificationReport.TrackResult {
        let mixtureFrames = frames["mixture"]
        if let mixtureFrames {
            // Each stem of another length is named with its file; the stream tolerance of
            // `.stem.mp4` files is the loader's (`Track.stemLengthTolerance`).
            let tolerance = isWav ? 0 : Track.stemLengthTolerance
            for (stem, count) in frames.sorted(by: { $0.key < $1.key }) where abs(count - mixtureFrames) > tolerance {
                problems.append(
                    .invalidStem(
                        track: name, stem: stem, path: paths[stem] ?? stem,
                        fault: .length(found: count, expected: mixtureFrames)))
            }
        } else if Set(frames.values).count > 1 {
            problems.append(.lengthMismatch(track: name, frames: frames))
        }
        if let entry, entry.subset == .test, let expected = entry.seconds, let mixtureFrames, manifest.sampleRate > 0 {
            let seconds = mixtureFrames / manifest.sampleRate
            if seconds != expected {
                problems.append(.wrongTestLength(track: name, seconds: seconds, expected: expected))
            }
        }
        return .init(name: name, subset: subset, frameCount: mixtureFrames, mixtureErrorDB: nil)
    }

    /// The mixture error of a track whose headers are clean, or nil with the problem
    /// recorded: a fault found while decoding (NaN or infinite samples, a stream that
    /// decodes to another shape) is one problem naming the file, never a NaN error.
    private func measureMixture(
        _ name: String, subset: Subset, storage: TrackStorage, problems: inout [VerificationProblem]
    ) -> Double? {
        do {
            let errorDB = try mixtureError(name, subset: subset, isWav: isWav, storage: storage)
            guard !errorDB.isNaN else {
                problems.append(
                    .unreadableStem(track: name, stem: "audio", message: "the mixture error is not a number"))
                return nil
            }
            if errorDB > mixtureToleranceDB {
                problems.append(.mixtureMismatch(track: name, errorDB: errorDB, toleranceDB: mixtureToleranceDB))
            }
            return errorDB
        } catch let MUSDBError.invalidStem(track, stem, url, fault) {
            problems.append(.invalidStem(track: track, stem: stem, path: url.path, fault: fault))
        } catch {
            problems.append(.unreadableStem(track: name, stem: "audio", message: "\(error)"))
        }
        return nil
    }

    /// 10·log10(Σ(mixture − Σ stems)² / Σ mixture²) over the common length.
    private func mixtureError(_ name: String, subset: Subset, isWav: Bool, storage: TrackStorage) throws -> Double {
        let track = try Database.makeTrack(
            name: name, subset: subset, split: nil, root: root, isWav: isWav,
            sampleRate: nil, targets: [.linearMixture], storage: storage)
        return try Self.mixtureError(mixture: track.audio(), sum: track.audio(ofTarget: .linearMixture))
    }
}
