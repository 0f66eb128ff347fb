import Audio
import Foundation

/// Scores a folder of estimates against a folder of references, as museval's `eval_dir`
/// (the `bsseval` command) does, with two fixes: files are paired by target name rather
/// than by directory listing order, and target names lose their extension (`vocals`,
/// not `vocals.wav`).
///
/// Pairing: an estimate pairs with the reference of the same name (ignoring case), else
/// with the reference whose name maps to the same museval target (`TargetAliases`).
/// Unpaired files are reported and left out. Estimates are adjusted to their reference
/// like `EstimateLoading` does (rate, mono, length).
public enum DirectoryEvaluation {
    /// The result of one folder pair.
    public struct Result: Sendable {
        /// The scores, named after the reference folder, targets in museval order.
        public var scores: TrackScores
        /// Changes made to the estimates.
        public var adjustments: [InputAdjustment]
        /// Files without a partner.
        public var unpaired: [URL]
    }

    /// Scores `estimates` against `references` (both folders of audio files).
    ///
    /// - Throws: `EvaluationError` for a missing or empty folder or no pair;
    ///   `TrackEvaluationError` for an unreadable, non-finite, silent or badly shaped file,
    ///   or references of different rates or lengths.
    public static func evaluate(references: URL, estimates: URL, options: EvaluationOptions = .init(),
                                aliases: TargetAliases = .standard,
                                kernel: ScoringKernel = .bssEval) throws -> Result {
        let referenceFiles = try audioFiles(in: references)
        let estimateFiles = try audioFiles(in: estimates)
        var unpaired = [URL]()
        var pairs = [(name: String, reference: URL, estimate: URL)]()
        var remaining = estimateFiles
        for (name, reference) in referenceFiles.sorted(by: { order($0.key, aliases) < order($1.key, aliases) }) {
            let exact = remaining.first { $0.key.lowercased() == name.lowercased() }
            let canonical = aliases.target(for: name)
            let alias = canonical.flatMap { target in remaining.first { aliases.target(for: $0.key) == target } }
            if let match = exact ?? alias {
                pairs.append((name, reference, match.value))
                remaining[match.key] = nil
            } else {
                unpaired.append(reference)
            }
        }
        unpaired += remaining.values.sorted { $0.path < $1.path }
        guard !pairs.isEmpty else {
            throw EvaluationError.noPairs(references: referenceFiles.keys.sorted(), estimates: estimateFiles.keys.sorted())
        }

        var referenceAudio = [String: AudioBuffer]()
        for pair in pairs {
            do {
                referenceAudio[pair.name] = try AudioFile.read(pair.reference)
            } catch {
                throw TrackEvaluationError.unreadable(pair.reference, reason: EstimateLoading.reason(error, url: pair.reference))
            }
        }
        let first = referenceAudio[pairs[0].name]!
        for pair in pairs {
            let audio = referenceAudio[pair.name]!
            guard audio.sampleRate == first.sampleRate, audio.frameCount == first.frameCount else {
                throw TrackEvaluationError.referenceUnavailable(track: references.lastPathComponent,
                    reason: "\(pair.reference.path) has \(audio.frameCount) frames at \(audio.sampleRate) Hz but "
                        + "\(pairs[0].reference.path) has \(first.frameCount) at \(first.sampleRate) Hz; references must match")
            }
        }

        var estimateAudio = [String: AudioBuffer]()
        var adjustments = [InputAdjustment]()
        for pair in pairs {
            let (audio, changes) = try EstimateLoading.load(pair.estimate, sampleRate: first.sampleRate,
                                                            channelCount: referenceAudio[pair.name]!.channelCount,
                                                            frameCount: first.frameCount)
            estimateAudio[pair.name] = audio
            adjustments += changes
        }
        let names = pairs.map(\.name)
        let files = Dictionary(uniqueKeysWithValues: pairs.map { ($0.name, $0.estimate) })
        for name in names {
            if EstimateLoading.isSilent(referenceAudio[name]!) {
                throw TrackEvaluationError.silentReference(track: references.lastPathComponent, target: name)
            }
            if EstimateLoading.isSilent(estimateAudio[name]!) {
                throw TrackEvaluationError.silentEstimate(files[name]!, target: name)
            }
        }
        let result: ScoringKernel.Scores
        do {
            result = try kernel.evaluate(names.map { referenceAudio[$0]!.channels }, names.map { estimateAudio[$0]!.channels },
                                         options.windowSamples(at: first.sampleRate), options.hopSamples(at: first.sampleRate),
                                         options.mode)
        } catch {
            throw TrackEvaluationError.scoringFailed(track: references.lastPathComponent, reason: String(describing: error))
        }
        let targets = names.enumerated().map { index, name in
            TargetScores(name: name, sdr: result.sdr[index], sir: result.sir[index], sar: result.sar[index],
                         isr: result.isr[index], window: options.window, hop: options.hop)
        }
        return Result(scores: TrackScores(track: references.lastPathComponent, targets: targets),
                      adjustments: adjustments, unpaired: unpaired)
    }

    /// The audio files directly in `folder`, by name without extension.
    static func audioFiles(in folder: URL) throws -> [String: URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EvaluationError.estimatesFolderNotFound(folder)
        }
        var result = [String: URL]()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            guard EstimateLayout.audioExtensions.contains(url.pathExtension.lowercased()) else { continue }
            result[url.deletingPathExtension().lastPathComponent] = url
        }
        guard !result.isEmpty else { throw EvaluationError.noAudioFiles(folder) }
        return result
    }

    /// Sort key: museval targets in their order, then other names alphabetically.
    static func order(_ name: String, _ aliases: TargetAliases) -> (Int, String) {
        let target = aliases.target(for: name) ?? ""
        return (TargetOrder.musdb.firstIndex(of: target) ?? TargetOrder.musdb.count, name)
    }

    /// museval's `TrackStore` printout: per target the median over frames of SDR, SIR, ISR,
    /// SAR (NaN frames skipped), e.g. `vocals          ==> SDR:   5.123  SIR: …`.
    public static func summary(of scores: TrackScores) -> String {
        scores.targets.map { target in
            let name = target.name.count < 16 ? target.name + String(repeating: " ", count: 16 - target.name.count) : target.name
            return name + "==> " + [Metric.sdr, .sir, .isr, .sar].map { metric in
                metric.name + ":" + String(format: "%8.3f", Aggregation.nanMedian(target.values(of: metric))) + "  "
            }.joined()
        }.joined(separator: "\n")
    }
}
