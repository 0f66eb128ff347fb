import Audio
import Foundation
import MUSDB
import TestSupport
import XCTest

/// Small synthetic MUSDB18-HQ datasets with one broken track, and separator output folders,
/// built inside each test: the bad inputs a researcher's disk really holds.
enum BrokenInputs {
    /// The ways a stem file can be broken.
    enum Fault: CaseIterable {
        /// Float WAV with NaN samples.
        case nan
        /// Half of the frames.
        case truncated
        /// Resampled to 48 kHz (header and samples).
        case rate48k
        /// One channel instead of two.
        case mono
        /// Six channels instead of two.
        case sixChannels
        /// Zero bytes.
        case empty
        /// Text that is not audio.
        case text
    }

    /// Writes a dataset of `train` + `test` tracks of `seconds` under `folder/musdb` and
    /// returns its root.
    static func dataset(in folder: URL, train: Int = 2, test: Int = 3, seconds: Double = 2) throws -> URL {
        let root = folder.appendingPathComponent("musdb")
        try SampleDataset(trainTrackCount: train, testTrackCount: test, seconds: seconds).write(to: root)
        return root
    }

    /// The tracks of `root` in Python musdb's order, read before anything is broken.
    static func tracks(_ root: URL) throws -> [Track] { try Database(root: root, isWav: true).tracks }

    /// The file of `stem` (`mixture`, `vocals`, …) of `track`.
    static func file(_ stem: String, of track: Track) -> URL {
        track.path.deletingLastPathComponent().appendingPathComponent(stem + ".wav")
    }

    /// Replaces `url` (a healthy stereo WAV) by a broken version of itself.
    static func breakFile(_ url: URL, _ fault: Fault) throws {
        let audio = try AudioFile.read(url)
        switch fault {
        case .nan:
            try writeWithNaN(audio, to: url, count: 3)
        case .truncated:
            try AudioFile.write(audio.frames(0..<(audio.frameCount / 2)), to: url, format: .wav16)
        case .rate48k:
            try AudioFile.write(try audio.resampled(to: 48_000), to: url, format: .wav16)
        case .mono:
            try AudioFile.write(
                AudioBuffer(sampleRate: audio.sampleRate, channels: [audio.channels[0]]), to: url,
                format: .wav16)
        case .sixChannels:
            try AudioFile.write(
                AudioBuffer(sampleRate: audio.sampleRate, channels: Array(repeating: audio.channels[0], count: 6)),
                to: url, format: .wav16)
        case .empty:
            try Data().write(to: url)
        case .text:
            try Data("this is not a WAV file\n".utf8).write(to: url)
        }
    }

    /// `audio` as a float WAV whose first `count` samples are NaN.
    static func writeWithNaN(_ audio: AudioBuffer, to url: URL, count: Int) throws {
        var channels = audio.channels
        for index in 0..<count { channels[index % channels.count][index / channels.count] = .nan }
        try NonFiniteWAV.write(AudioBuffer(sampleRate: audio.sampleRate, channels: channels), to: url)
    }

    /// Leaky estimates (90 % of the target + 10 % of the mixture) of every test track in the
    /// museval layout `folder/test/<track>/<target>.wav`, with `targets`.
    static func estimates(
        for tracks: [Track], in folder: URL,
        targets: [String] = ["vocals", "drums", "bass", "other"],
        mixtureShare: Double = 0.1
    ) throws {
        for track in tracks where track.subset == .test {
            let all = try track.load(Target.standard)
            let trackFolder = folder.appendingPathComponent("test").appendingPathComponent(track.name)
            try FileManager.default.createDirectory(at: trackFolder, withIntermediateDirectories: true)
            for target in targets {
                guard let truth = all[target], let mixture = all["linear_mixture"] else { continue }
                try AudioFile.write(
                    truth.scaled(by: 1 - mixtureShare).adding(mixture, gain: mixtureShare),
                    to: trackFolder.appendingPathComponent(target + ".wav"), format: .wav16)
            }
        }
    }

    /// Every file under `folder` whose name marks it as a temporary or partial write.
    static func leftovers(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            let name = (path as NSString).lastPathComponent
            return name.hasSuffix(".tmp") || name.hasSuffix(".part")
                || name == ".partial" && !isEmptyFolder(folder.appendingPathComponent(path))
                || name.hasPrefix(".staging")
        }
    }

    private static func isEmptyFolder(_ url: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).isEmpty
    }
}
