import Audio
import Foundation
import SeededRandom
import TestSupport

/// Rebuilds the inputs of a golden case from its recipe, operation for operation as
/// Scripts/goldens/bsseval_goldens.py does (see that script for the vocabulary).
enum SignalRecipe {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// SplitMix64 → uniform doubles in [−1, 1): 2·u − 1 with u = (x >> 11)·2⁻⁵³, as the
    /// golden script draws them.
    static func uniform(seed: UInt64, count: Int) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in 2.0 * generator.nextUniform() - 1.0 }
    }

    nonisolated(unsafe) private static var stems: [String: [[Double]]] = [:]

    static func stem(_ name: String) throws -> [[Double]] {
        if let s = stems[name] { return s }
        let dir = try TestData.requireShared("musdb-sample/hq/train/Music Delta - 80s Rock")
        let buffer = try AudioFile.read(dir.appendingPathComponent(name + ".wav"))
        stems[name] = buffer.channels
        return buffer.channels
    }

    static func number(_ any: Any) -> Double { (any as! NSNumber).doubleValue }
    static func integer(_ any: Any) -> Int { (any as! NSNumber).intValue }

    /// Applies `ops` to `channels × length` zeros; `references` feeds the "ref" operation.
    static func build(_ ops: [[Any]], channels: Int, length n: Int, references: [[[Double]]] = []) throws -> [[Double]]
    {
        var x = [[Double]](repeating: [Double](repeating: 0, count: n), count: channels)
        for op in ops {
            switch op[0] as! String {
            case "stem":
                let s = try stem(op[1] as! String), start = integer(op[2])
                for c in 0..<channels { for i in 0..<n { x[c][i] += s[c][start + i] } }
            case "noise":
                let seed = integer(op[1]), gain = number(op[2])
                for c in 0..<channels {
                    let u = uniform(seed: UInt64(seed + c), count: n)
                    for i in 0..<n { x[c][i] += gain * u[i] }
                }
            case "resonant":
                let seed = integer(op[1]), f = number(op[2]), r = number(op[3]), gain = number(op[4])
                let a1 = 2.0 * r * cos(2.0 * Double.pi * f), a2 = r * r
                for c in 0..<channels {
                    let u = uniform(seed: UInt64(seed + c), count: n)
                    var y1 = 0.0, y2 = 0.0
                    for i in 0..<n {
                        let y = u[i] + a1 * y1 - a2 * y2
                        x[c][i] += gain * y
                        y2 = y1
                        y1 = y
                    }
                }
            case "sine":
                let f = number(op[1]), gain = number(op[2])
                for c in 0..<channels {
                    for i in 0..<n { x[c][i] += gain * sin(2.0 * Double.pi * f * Double(i) + 0.5 * Double(c)) }
                }
            case "ref":
                let ref = references[integer(op[1])], coef = number(op[2])
                for c in 0..<channels { for i in 0..<min(n, ref[c].count) { x[c][i] += coef * ref[c][i] } }
            case "lowpass":
                let a = number(op[1]), b = 1.0 - a
                for c in 0..<channels {
                    var y = 0.0
                    for i in 0..<n { y = a * y + b * x[c][i]; x[c][i] = y }
                }
            case "gain":
                let g = number(op[1])
                for c in 0..<channels { for i in 0..<n { x[c][i] *= g } }
            case "zero":
                for c in 0..<channels { for i in integer(op[1])..<integer(op[2]) { x[c][i] = 0 } }
            case "quantize16":
                for c in 0..<channels {
                    for i in 0..<n {
                        // numpy.round is round-half-to-even
                        x[c][i] = min(max((x[c][i] * 32768.0).rounded(.toNearestOrEven), -32768), 32767) / 32768.0
                    }
                }
            case let other:
                throw Failure(description: "unknown recipe operation \(other)")
            }
        }
        return x
    }
}

/// One committed golden: the recipe, the options and museval's scores.
struct GoldenCase {
    let name: String
    let references: [[[Double]]]
    let estimates: [[[Double]]]
    let options: BSSEvalOptionsSpec
    let scores: [String: [[Double]]]
    let permutation: [[Int]]
    /// For ill-conditioned cases: how far museval's own scores move when only its FFT
    /// rounding changes (see the golden script); 0 when not measured.
    let roundingSpread: Double

    struct BSSEvalOptionsSpec {
        let window: Int, hop: Int, mode: String, criteria: String, permutation: Bool, filterLength: Int
    }

    static func all() throws -> [URL] {
        let dir = TestData.fixtures.appendingPathComponent("bsseval")
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    static func value(_ any: Any) -> Double {
        if let s = any as? String {
            switch s {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: fatalError("bad value \(s)")
            }
        }
        return (any as! NSNumber).doubleValue
    }

    init(url: URL) throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        name = json["name"] as! String
        let nchan = SignalRecipe.integer(json["nchan"]!), n = SignalRecipe.integer(json["length"]!)
        var refs = [[[Double]]]()
        for ops in json["references"] as! [[[Any]]] {
            refs.append(try SignalRecipe.build(ops, channels: nchan, length: n))
        }
        var ests = [[[Double]]]()
        for e in json["estimates"] as! [[String: Any]] {
            let len = e["length"].map(SignalRecipe.integer) ?? n
            ests.append(try SignalRecipe.build(e["ops"] as! [[Any]], channels: nchan, length: len, references: refs))
        }
        references = refs
        estimates = ests
        options = BSSEvalOptionsSpec(
            window: SignalRecipe.integer(json["win"]!), hop: SignalRecipe.integer(json["hop"]!),
            mode: json["mode"] as! String, criteria: json["criteria"] as! String,
            permutation: json["permutation"] as! Bool,
            filterLength: SignalRecipe.integer(json["filters_len"]!))
        var s = [String: [[Double]]]()
        for (k, v) in json["scores"] as! [String: [[Any]]] { s[k] = v.map { $0.map(GoldenCase.value) } }
        scores = s
        permutation = json["permutation_result"] as! [[Int]]
        roundingSpread = (json["rounding_spread_db"] as? NSNumber)?.doubleValue ?? 0
    }
}
