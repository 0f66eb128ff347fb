import Foundation
import TestSupport
import XCTest

@testable import Audio
@testable import MUSDB

/// A synthetic MUSDB18-HQ dataset written in a temporary folder, and the faults the tests
/// put into its files.
struct BrokenDataset {
    let root: URL
    /// The track names, train then test, as `Database` lists them.
    let names: [String]
    /// How many of them are training tracks.
    let trainCount: Int

    init(_ testCase: XCTestCase, trainTracks: Int, testTracks: Int = 1, seconds: Double = 1) throws {
        root = try TestData.temporaryDirectory(testCase).appendingPathComponent("dataset")
        try SampleDataset(trainTrackCount: trainTracks, testTrackCount: testTracks, seconds: seconds).write(to: root)
        names = try Database(root: root, isWav: true).tracks.map(\.name)
        trainCount = trainTracks
    }

    /// The folder of track `index` (train tracks first).
    func folder(_ index: Int) -> URL {
        let subset = index < trainCount ? "train" : "test"
        return root.appendingPathComponent(subset).appendingPathComponent(names[index], isDirectory: true)
    }

    func file(_ index: Int, _ stem: String) -> URL { folder(index).appendingPathComponent(stem + ".wav") }

    /// The stem as it is now.
    func read(_ index: Int, _ stem: String) throws -> AudioBuffer { try AudioFile.read(file(index, stem)) }

    /// Replaces the stem with `buffer` as 16-bit PCM.
    func replace(_ index: Int, _ stem: String, with buffer: AudioBuffer) throws {
        try AudioFile.write(buffer, to: file(index, stem), format: .wav16)
    }

    /// Replaces the stem with a float WAV of the same shape whose first `count` samples of
    /// the first channel are NaN.
    func putNaN(_ index: Int, _ stem: String, count: Int) throws {
        var buffer = try read(index, stem)
        for i in 0..<count { buffer.channels[0][i] = .nan }
        try Self.writeUnchecked(buffer, to: file(index, stem))
    }

    /// `buffer` as a float WAV, NaN included (`NonFiniteWAV`; `AudioFile.write` refuses NaN).
    static func writeUnchecked(_ buffer: AudioBuffer, to url: URL) throws {
        try NonFiniteWAV.write(buffer, to: url)
    }

    /// The stem resampled to `rate` Hz (header and length change).
    func resample(_ index: Int, _ stem: String, to rate: Int) throws {
        try replace(index, stem, with: try read(index, stem).resampled(to: rate))
    }

    /// The stem cut to `frames` frames.
    func truncate(_ index: Int, _ stem: String, to frames: Int) throws {
        try replace(index, stem, with: try read(index, stem).frames(0..<frames))
    }

    /// The stem with `channels` channels (the first channel repeated or kept alone).
    func setChannels(_ index: Int, _ stem: String, to channels: Int) throws {
        let buffer = try read(index, stem)
        try replace(
            index, stem,
            with: AudioBuffer(
                sampleRate: buffer.sampleRate,
                channels: Array(repeating: buffer.channels[0], count: channels)))
    }

    /// A symbolic link `subset/name -> destination`.
    func link(_ subset: String, _ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(subset).appendingPathComponent(name).path,
            withDestinationPath: destination)
    }
}
