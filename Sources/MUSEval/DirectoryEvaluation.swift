import Audio
import Foundation
import ScoreFiles

/// Scores a folder of estimates against a folder of references, as museval's `eval_dir`
/// (the `bsseval` command) does, with two fixes: files are paired by target name rather
/// than by directory listing order, and target names lose their extension (`vocals`,
/// not `vocals.wav`).
///
/// Pairing: an estimate pairs with the reference of the same name (ignoring case), else
/// with the reference whose name maps to the same museval target (`TargetAliases`).
/// Unpaired files are reported and left out. Every reference is validated where it is read
/// (readable, finite, and one rate, length and channel count shared by all references); a
/// failure there is the reference's. Only then are estimates adjusted to their reference
/// like `EstimateLoading` does (rate, mono, length), and blamed for what cannot be.
///
/// `run` adds what a rerun needs: the score file `OUTPUT/<reference folder>.json` gets a
/// provenance sidecar, and an existing score file of another origin (other estimates,
/// references or settings, or unknown) is refused unless `force`.
public enum DirectoryEvaluation {
    /// The result of one folder pair.
    public struct Result: Sendable {
        /// The scores, named after the reference folder, targets in museval order.
        public var scores: TrackScores
        /// Changes made to the estimates.
        public var adjustments: [InputAdjustment]
        /// Files without a partner.
        public var unpaired: [URL]
        /// The paired files as they were before being read: estimates, then references.
        public var inputs: [InputFingerprint]
    }

    /// What a run of these folders and settings records as the scores' origin.
    public static func origin(
        references: URL, estimates: URL, options: EvaluationOptions,
        aliases: TargetAliases
    ) -> ScoreOrigin {
        ScoreOrigin(
            method: estimates.standardizedFileURL.path, references: references.standardizedFileURL.path,
            settings: ScoringSettings(options: options, targetMap: aliases.addedEntries))
    }

    /// `output/<reference folder name>.json`.
    public static func scoreFile(references: URL, output: URL) -> URL {
        output.appendingPathComponent(references.standardizedFileURL.lastPathComponent + ".json")
    }

    /// Checks the output, scores, and writes the score file and its provenance sidecar
    /// (each atomically; the sidecar first). Returns the result and the score file.
    ///
    /// - Throws: `EvaluationError.foreignScores` before reading any audio when the score
    ///   file exists with another origin (or none) and `force` is not set; the errors of
    ///   `evaluate`; `TrackEvaluationError.writeFailed` with the reason in words.
    public static func run(
        references: URL, estimates: URL, output: URL, options: EvaluationOptions = .init(),
        aliases: TargetAliases = .standard, force: Bool = false,
        kernel: ScoringKernel = .bssEval
    ) throws -> (Result, URL) {
        let url = scoreFile(references: references, output: output)
        let origin = origin(references: references, estimates: estimates, options: options, aliases: aliases)
        if !force, let conflict = OriginConflict.check(url, origin: origin) {
            throw OriginConflict.refusal([conflict], folder: output, origin: origin)
        }
        let result = try evaluate(
            references: references, estimates: estimates, options: options,
            aliases: aliases, kernel: kernel)
        let warnings = result.unpaired.map { "\($0.path): no partner file; not scored" }
        try BatchEvaluator.write(result.scores, to: url) { digest in
            Provenance(
                track: result.scores.track, subset: nil, command: "dir", origin: origin, inputs: result.inputs,
                scoreFile: digest, adjustments: result.adjustments.map(\.description), warnings: warnings)
        }
        return (result, url)
    }

    /// Scores `estimates` against `references` (both folders of audio files).
    ///
    /// - Throws: `EvaluationError` for a missing or empty folder or no pair;
    ///   `TrackEvaluationError` for an unreadable, non-finite, silent or badly shaped file,
    ///   or references of different rates or lengths.
    public static func evaluate(
        references: URL, estimates: URL, options: EvaluationOptions = .init(),
        aliases: TargetAliases = .standard,
        kernel: ScoringKernel = .bssEval
    ) throws -> Result {
        let referenceFiles = try audioFiles(in: references, side: .reference)
        let estimateFiles = try audioFiles(in: estimates, side: .estimate)
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
            throw EvaluationError.noPairs(
                references: referenceFiles.keys.sorted(), estimates: estimateFiles.keys.sorted())
        }

        let inputs =
            pairs.compactMap { InputFingerprint.of($0.estimate, role: .estimate) }
            + pairs.compactMap { InputFingerprint.of($0.reference, role: .reference) }
        var referenceSignals = [String: TargetSignal]()
        var referenceInfo = [String: AudioFileInfo]()
        for pair in pairs {
            let (signal, info) = try openReference(pair.reference, name: pair.name)
            referenceSignals[pair.name] = signal
            referenceInfo[pair.name] = info
        }
        guard let first = referenceInfo[pairs[0].name] else { throw EvaluationError.noAudioFiles(references) }
        for pair in pairs.dropFirst() {
            guard let info = referenceInfo[pair.name] else { continue }
            guard info.sampleRate == first.sampleRate, info.frameCount == first.frameCount,
                info.channelCount == first.channelCount
            else {
                func shape(_ info: AudioFileInfo) -> String {
                    "\(info.frameCount) frames at \(info.sampleRate) Hz in \(info.channelCount) channel\(info.channelCount == 1 ? "" : "s")"
                }
                // A reference that cannot be read is named first, as a whole-file read would.
                for signal in pairs.compactMap({ referenceSignals[$0.name] }) { try signal.validate() }
                throw TrackEvaluationError.invalidReference(
                    pair.reference,
                    reason:
                        "has \(shape(info)) but \(pairs[0].reference.path) has \(shape(first)); references must match")
            }
        }
        let names = pairs.map(\.name)
        let referenceList = names.compactMap { referenceSignals[$0] }
        var estimateSignals = [String: TargetSignal]()
        var adjustments = [InputAdjustment]()
        let result: ScoringKernel.Scores
        do {
            for pair in pairs {
                let (signal, changes) = try EstimateLoading.open(
                    pair.estimate, target: pair.name, sampleRate: first.sampleRate,
                    channelCount: first.channelCount, frameCount: first.frameCount)
                estimateSignals[pair.name] = signal
                adjustments += changes
            }
            for pair in pairs {
                if let signal = referenceSignals[pair.name], try signal.isSilent() {
                    throw TrackEvaluationError.silentReference(track: references.lastPathComponent, target: pair.name)
                }
                if let signal = estimateSignals[pair.name], try signal.isSilent() {
                    throw TrackEvaluationError.silentEstimate(pair.estimate, target: pair.name)
                }
            }
            let estimateList = names.compactMap { estimateSignals[$0] }
            result = try TrackEvaluation.run(
                kernel, track: references.lastPathComponent, targets: names, references: referenceList,
                estimates: estimateList, files: pairs.map(\.estimate),
                window: options.windowSamples(at: first.sampleRate), hop: options.hopSamples(at: first.sampleRate),
                mode: options.mode)
        } catch {
            throw TrackEvaluation.blamingReferencesFirst(error, references: referenceList)
        }
        let targets = names.enumerated().map { index, name in
            TargetScores(
                name: name, sdr: result.sdr[index], sir: result.sir[index], sar: result.sar[index],
                isr: result.isr[index], window: options.window, hop: options.hop)
        }
        return Result(
            scores: TrackScores(track: references.lastPathComponent, targets: targets),
            adjustments: adjustments, unpaired: unpaired, inputs: inputs)
    }

    /// Opens one reference file (its samples are checked as they are read).
    ///
    /// - Throws: `TrackEvaluationError.invalidReference` naming the file.
    static func openReference(_ url: URL, name: String) throws -> (TargetSignal, AudioFileInfo) {
        do {
            let info = try AudioFile.info(of: url)
            let signal = try TargetSignal(
                name: name, files: [(url, 1, .reference)], channelCount: info.channelCount,
                frameCount: info.frameCount, sampleRate: info.sampleRate)
            return (signal, info)
        } catch let error as TrackEvaluationError {
            throw error
        } catch {
            throw TrackEvaluationError.invalidReference(
                url, reason: "cannot be read: " + EstimateLoading.reason(error, url: url))
        }
    }

    /// The audio files directly in `folder`, by name without extension.
    static func audioFiles(in folder: URL, side: FaultSide) throws -> [String: URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw side == .reference
                ? EvaluationError.referenceFolderNotFound(folder) : EvaluationError.estimatesFolderNotFound(folder)
        }
        var result = [String: URL]()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".")
        {
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
            let name =
                target.name.count < 16
                ? target.name + String(repeating: " ", count: 16 - target.name.count) : target.name
            return name + "==> "
                + [Metric.sdr, .sir, .isr, .sar].map { metric in
                    metric.name + ":" + String(format: "%8.3f", Aggregation.nanMedian(target.values(of: metric))) + "  "
                }.joined()
        }.joined(separator: "\n")
    }
}
