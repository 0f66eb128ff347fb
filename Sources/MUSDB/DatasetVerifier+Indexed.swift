import Audio
import Foundation

extension DatasetVerifier {
    /// Checks an indexed dataset of a kind without a manifest (DSD100, MoisesDB, a generic
    /// folder): the entries that could not be indexed, every stem's headers against the
    /// track, then (with `checksMixture`) every stem decoded (NaN and infinities) and, where
    /// the dataset stores a mixture, the mixture against the sum of the stems.
    public static func verify(
        _ database: Database, checksMixture: Bool = true, mixtureToleranceDB: Double = -10,
        progress: ((String) -> Void)? = nil
    ) -> VerificationReport {
        var report = VerificationReport()
        report.problems += database.problems.map(VerificationProblem.unindexable)
        for (index, track) in database.tracks.enumerated() {
            progress?("[\(index + 1)/\(database.tracks.count)] \(track.subset.rawValue)/\(track.name)")
            var result = VerificationReport.TrackResult(
                name: track.name, subset: track.subset, frameCount: track.frameCount, mixtureErrorDB: nil)
            do {
                try track.validateHeaders()
                if checksMixture {
                    let sum = try track.audio(ofTarget: Target(name: "sum", sources: track.sources))
                    if !track.mixtureIsSum {
                        let errorDB = try mixtureError(mixture: track.audio(), sum: sum)
                        result.mixtureErrorDB = errorDB
                        if errorDB.isNaN || errorDB > mixtureToleranceDB {
                            report.problems.append(
                                .mixtureMismatch(track: track.name, errorDB: errorDB, toleranceDB: mixtureToleranceDB))
                        }
                    }
                }
            } catch let MUSDBError.invalidStem(name, stem, url, fault) {
                report.problems.append(.invalidStem(track: name, stem: stem, path: url.path, fault: fault))
            } catch let MUSDBError.missingSource(name, stem, url) {
                report.problems.append(.missingStem(track: name, stem: stem, path: url.path))
            } catch {
                report.problems.append(.unreadableStem(track: track.name, stem: "audio", message: "\(error)"))
            }
            report.tracks.append(result)
        }
        return report
    }

    /// 10·log10(Σ(mixture − sum)² / Σ mixture²) over the common length.
    static func mixtureError(mixture: AudioBuffer, sum: AudioBuffer) throws -> Double {
        let frames = min(mixture.frameCount, sum.frameCount)
        var errorEnergy = 0.0, energy = 0.0
        for c in 0..<min(mixture.channelCount, sum.channelCount) {
            for f in 0..<frames {
                let m = mixture.channels[c][f]
                let d = m - sum.channels[c][f]
                errorEnergy += d * d
                energy += m * m
            }
        }
        if errorEnergy == 0 { return -.infinity }
        return 10 * log10(errorEnergy / max(energy, .leastNormalMagnitude))
    }
}
