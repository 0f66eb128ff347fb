import Foundation

/// The estimate files of a separator's output folder, grouped by track, with the layout used
/// and, when it was auto-detected, why.
///
/// Auto-detection tries each `LayoutPreset.detectionOrder` layout, counting the files it
/// matches whose target name is known (`TargetAliases`). A layout that matches only files a
/// more specific one also matches (Demucs' `{model}` matching a `test` folder) is dropped.
/// Exactly one remaining layout is chosen; none, or several that explain different files,
/// is an error that lists what was seen and suggests `--layout`.
public struct EstimateDiscovery: Sendable {
    /// The estimates folder.
    public var folder: URL
    /// The layout used.
    public var layout: EstimateLayout
    /// One sentence on how the layout was chosen (detected, or given by the user).
    public var explanation: String
    /// The tracks found, sorted by name (then subset).
    public var tracks: [EstimateTrack]
    /// Audio files that matched the layout but whose target name is unknown (e.g. Demucs
    /// 6-stem `piano.wav`), with that name; they are not scored.
    public var unknownTargets: [(url: URL, name: String)]
    /// The target names used to read the folder (recorded with the scores: another
    /// `--target-map` can pair other files).
    public var aliases: TargetAliases = .standard

    /// Lists `folder` and groups its estimate files by track.
    ///
    /// - Parameters:
    ///   - layout: the layout to use; nil detects it.
    ///   - aliases: how file target names map to museval targets.
    /// - Throws: `EvaluationError` when the folder is missing, no layout fits, several fit,
    ///   or a Demucs folder holds several models.
    public static func discover(
        in folder: URL, layout: EstimateLayout? = nil,
        aliases: TargetAliases = .standard
    ) throws -> EstimateDiscovery {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw EvaluationError.estimatesFolderNotFound(folder)
        }
        let maxDepth = max(layout?.depth ?? 0, LayoutPreset.detectionOrder.map { $0.layout.depth }.max() ?? 3)
        let files = listFiles(in: folder, maxDepth: maxDepth)

        let chosen: EstimateLayout
        let explanation: String
        if let layout {
            chosen = layout
            let count = files.filter { path in
                layout.match(path).map { aliases.target(for: $0.targetName) != nil } ?? false
            }.count
            explanation = "layout \(layout.pattern) (given): \(count) estimate file\(count == 1 ? "" : "s")"
        } else {
            (chosen, explanation) = try detect(files: files, folder: folder, aliases: aliases)
        }
        return build(folder: folder, files: files, layout: chosen, explanation: explanation, aliases: aliases)
    }

    /// Relative paths (`/`-joined) of the regular files under `folder` up to `maxDepth`
    /// components, skipping hidden names (our own temporary files start with a dot).
    static func listFiles(in folder: URL, maxDepth: Int) -> [String] {
        var result = [String]()
        func walk(_ url: URL, prefix: String, depth: Int) {
            guard depth <= maxDepth,
                let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
            else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = url.appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    walk(child, prefix: relative, depth: depth + 1)
                } else {
                    result.append(relative)
                }
            }
        }
        walk(folder, prefix: "", depth: 1)
        return result
    }

    /// Picks the one preset that explains the files (see the type's documentation).
    static func detect(
        files: [String], folder: URL,
        aliases: TargetAliases
    ) throws -> (EstimateLayout, String) {
        var candidates = [(preset: LayoutPreset, matched: Set<String>)]()
        for preset in LayoutPreset.detectionOrder {
            let layout = preset.layout
            let matched = Set(
                files.filter { path in
                    layout.match(path).map { aliases.target(for: $0.targetName) != nil } ?? false
                })
            guard !matched.isEmpty else { continue }
            // Drop a layout that only re-explains files a more specific one already explains.
            if candidates.contains(where: { matched.isSubset(of: $0.matched) }) { continue }
            candidates.append((preset, matched))
        }
        guard let first = candidates.first else {
            throw EvaluationError.noEstimatesFound(folder, seen: Array(files.prefix(5)))
        }
        guard candidates.count == 1 else {
            throw EvaluationError.ambiguousLayout(
                folder,
                candidates: candidates.map { candidate in
                    "\(candidate.preset.rawValue) (\(candidate.preset.summary)): \(candidate.matched.count) file\(candidate.matched.count == 1 ? "" : "s"), e.g. \(candidate.matched.sorted()[0])"
                })
        }
        let layout = first.preset.layout
        let matches = first.matched.compactMap { layout.match($0) }
        let tracks = Set(matches.map(\.track))
        var reason =
            "detected the \(first.preset.summary): \(first.matched.count) estimate file\(first.matched.count == 1 ? "" : "s") of \(tracks.count) track\(tracks.count == 1 ? "" : "s")"
        if first.preset == .demucs {
            let models = Set(matches.compactMap(\.model)).sorted()
            guard models.count == 1 else {
                throw EvaluationError.severalModels(folder, models: models)
            }
            reason += " under the model folder '\(models[0])'"
        } else if first.preset == .museval {
            let subsets = Set(matches.compactMap(\.subset)).sorted()
            reason += " in the subset folder\(subsets.count == 1 ? "" : "s") \(subsets.joined(separator: ", "))"
        }
        return (layout, reason)
    }

    /// Groups the files matching `layout` by (subset, track).
    static func build(
        folder: URL, files: [String], layout: EstimateLayout, explanation: String,
        aliases: TargetAliases
    ) -> EstimateDiscovery {
        struct Key: Hashable { var subset: String?; var track: String }
        var candidates = [Key: [String: [URL]]]()
        var unknown = [(url: URL, name: String)]()
        for path in files {
            guard let match = layout.match(path) else { continue }
            let url = folder.appendingPathComponent(path)
            guard let target = aliases.target(for: match.targetName) else {
                unknown.append((url, match.targetName))
                continue
            }
            candidates[Key(subset: match.subset?.lowercased(), track: match.track), default: [:]][target, default: []]
                .append(url)
        }
        let tracks = candidates.map { key, targets -> EstimateTrack in
            var track = EstimateTrack(name: key.track, subset: key.subset)
            for (target, urls) in targets {
                if urls.count == 1 { track.files[target] = urls[0] } else { track.conflicts[target] = urls }
            }
            return track
        }.sorted { ($0.name, $0.subset ?? "") < ($1.name, $1.subset ?? "") }
        return EstimateDiscovery(
            folder: folder, layout: layout, explanation: explanation,
            tracks: tracks, unknownTargets: unknown, aliases: aliases)
    }
}
