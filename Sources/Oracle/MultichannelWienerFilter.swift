import DSP

/// The multichannel Wiener filter oracle (sigsep-mus-oracle's `MWF.py`): the local
/// Gaussian model with a time-invariant spatial covariance matrix `R_j(f)` and a power
/// spectral density `P_j(f, t)` per source, learnt from the true source STFT; each source
/// is `P_j R_j (Σ_k P_k R_k)⁻¹ x`, all channels jointly.
///
/// Reproduced as the reference computes it, quirks included, because the published
/// numbers come from it:
/// - `R_j` is normalised with `np.trace` of the (frequency, channel, channel) array, which
///   traces the *first two* axes: column `b` of every `R_j(f)` is divided by
///   `Σ_i R_j(i)[i][b] / I` (bins 0 and 1 for stereo), not by each matrix's own trace;
/// - 2 × 2 inverses use the explicit formula with ε added to the determinant;
/// - the gain `P_j R_j C⁻¹` is accumulated in a complex64 array, so each partial sum is
///   rounded to single precision (about 6e-8 relative) before it multiplies the mixture.
///   Numerical trap: where a source is nearly mono (bass, low bins) `C` is nearly singular,
///   the gain has large entries that cancel on the mixture, and that rounding moves the
///   estimate by up to ~1e-4 of its peak; the reference itself moves that much when its
///   input changes by one ulp. `roundsGainToSinglePrecision = false` keeps the gain in
///   double precision (stable to ~2e-7) for uses that need no bit-level parity.
/// Mono and stereo only (the reference is stereo; mono is the 1 × 1 case of the same
/// formulas).
public struct MultichannelWienerFilter: OracleSeparator {
    /// STFT segment length (`nperseg`), 2048 in the reference.
    public var segmentLength: Int
    /// Round the Wiener gain to single precision as the reference's complex64 array does
    /// (the default, for parity with the published numbers).
    public var roundsGainToSinglePrecision: Bool

    /// Stereo cells go through `separateStereoChannel` (scalar 2 × 2 algebra); false forces
    /// the plain array version, the fast path's test oracle.
    var usesStereoFastPath = true

    public init(segmentLength: Int = 2048, roundsGainToSinglePrecision: Bool = true) {
        self.segmentLength = segmentLength
        self.roundsGainToSinglePrecision = roundsGainToSinglePrecision
    }

    /// One source's model: PSD per (frame, bin) and spatial covariance per bin.
    struct SourceModel {
        /// `P_j`, frame after frame (`frame * bins + bin`).
        var powerSpectralDensity: [Double]
        /// `R_j`, `bin * I * I + a * I + b`.
        var spatialCovariance: [Complex<Double>]
    }

    public func separate(mixture: [[Double]], sources: [Stem]) throws -> [Stem] {
        let (channelCount, sampleCount) = try validate(mixture: mixture, sources: sources)
        guard channelCount <= 2 else {
            throw OracleError.unsupportedChannelCount(method: "the multichannel Wiener filter", channels: channelCount)
        }
        guard segmentLength >= 2 else {
            throw OracleError.invalidParameter("the STFT segment length must be at least 2, not \(segmentLength)")
        }
        let transform = SciPySTFT(segmentLength: segmentLength)
        let mix = mixture.map { transform.forward($0).values }
        let bins = transform.binCount
        let cells = mix[0].count
        let frames = cells / bins
        let size = channelCount * channelCount
        // All sources' models in two flat arrays (source-major), read through buffer pointers
        // in the cell loop below: per-source arrays would be retained and released per cell.
        var psd = [Double]()
        var covariance = [Complex<Double>]()
        psd.reserveCapacity(sources.count * cells)
        covariance.reserveCapacity(sources.count * bins * size)
        for source in sources {
            let model = model(of: source.channels.map { transform.forward($0).values }, bins: bins, frames: frames)
            psd += model.powerSpectralDensity
            covariance += model.spatialCovariance
        }

        var estimates = [Stem]()
        for (j, source) in sources.enumerated() {
            var outputs = [[Complex<Double>]](
                repeating: [Complex<Double>](repeating: .zero, count: cells),
                count: channelCount)
            psd.withUnsafeBufferPointer { psd in
                covariance.withUnsafeBufferPointer { covariance in
                    for a in 0..<channelCount {
                        outputs[a].withUnsafeMutableBufferPointer { output in
                            if channelCount == 2 && usesStereoFastPath {
                                separateStereoChannel(
                                    a, source: j, sourceCount: sources.count, psd: psd,
                                    covariance: covariance, mixture: mix, bins: bins, into: output)
                            } else {
                                separateChannel(
                                    a, source: j, sourceCount: sources.count, psd: psd, covariance: covariance,
                                    mixture: mix, bins: bins, order: channelCount, into: output)
                            }
                        }
                    }
                }
            }
            let channels = outputs.map { values in
                trimmed(
                    transform.inverse(
                        Spectrogram(
                            fftSize: segmentLength, hop: transform.hop,
                            frameCount: frames, values: values)),
                    to: sampleCount)
            }
            estimates.append(Stem(name: source.name, channels: channels))
        }
        return estimates
    }

    /// Channel `a` of source `j`'s filtered mixture STFT, `Σ_i G[a][i] x_i` per cell, with
    /// `G = (P_j R_j) C⁻¹` and `C = Σ_k P_k R_k` recomputed per cell: recomputing a 2 × 2
    /// inverse is cheaper than storing one per cell (64 bytes each, most of a gigabyte for
    /// four minutes of audio).
    /// `psd` and `covariance` hold every source's model, source after source.
    func separateChannel(
        _ a: Int, source j: Int, sourceCount: Int, psd: UnsafeBufferPointer<Double>,
        covariance: UnsafeBufferPointer<Complex<Double>>, mixture: [[Complex<Double>]],
        bins: Int, order: Int, into output: UnsafeMutableBufferPointer<Complex<Double>>
    ) {
        let size = order * order
        let cells = output.count
        var matrix = [Complex<Double>](repeating: .zero, count: size)
        var inverse = [Complex<Double>](repeating: .zero, count: size)
        var gainRow = [Complex<Double>](repeating: .zero, count: order)
        for cell in 0..<cells {
            let bin = cell % bins
            for e in 0..<size { matrix[e] = .zero }
            for k in 0..<sourceCount {
                let q = psd[k * cells + cell]
                let r = (k * bins + bin) * size
                for e in 0..<size {
                    matrix[e] = matrix[e] + Complex(q * covariance[r + e].real, q * covariance[r + e].imaginary)
                }
            }
            Self.invert(matrix, order: order, into: &inverse)
            // Row a of G = (P_j R_j) C⁻¹, summed into single precision as the reference's
            // complex64 G (when asked).
            let p = psd[j * cells + cell]
            let r = (j * bins + bin) * size
            for b in 0..<order {
                var g = Complex<Double>.zero
                for k in 0..<order {
                    let weighted = Complex(
                        p * covariance[r + a * order + k].real, p * covariance[r + a * order + k].imaginary)
                    g = g + NumPyComplex.multiply(weighted, inverse[k * order + b])
                    if roundsGainToSinglePrecision { g = NumPyComplex.roundedToSingle(g) }
                }
                gainRow[b] = g
            }
            var y = Complex<Double>.zero
            for i in 0..<order { y = y + NumPyComplex.multiply(gainRow[i], mixture[i][cell]) }
            output[cell] = y
        }
    }

    /// `separateChannel` for stereo with the 2 × 2 algebra in registers (`ComplexMatrix2`):
    /// the same operations in the same order, so the same bits, without the per-cell
    /// arrays of the general version.
    func separateStereoChannel(
        _ a: Int, source j: Int, sourceCount: Int, psd: UnsafeBufferPointer<Double>,
        covariance: UnsafeBufferPointer<Complex<Double>>, mixture: [[Complex<Double>]],
        bins: Int, into output: UnsafeMutableBufferPointer<Complex<Double>>
    ) {
        let cells = output.count
        let frames = cells / bins
        let eps = oracleEpsilon
        let rounds = roundsGainToSinglePrecision
        mixture[0].withUnsafeBufferPointer { x0 in
            mixture[1].withUnsafeBufferPointer { x1 in
                for t in 0..<frames {
                    for bin in 0..<bins {
                        let cell = t * bins + bin
                        var c = ComplexMatrix2.zero
                        for k in 0..<sourceCount {
                            c = c.adding(
                                ComplexMatrix2(covariance, at: (k * bins + bin) * 4), weightedBy: psd[k * cells + cell])
                        }
                        let inverse = c.regularisedInverse(epsilon: eps)
                        let p = psd[j * cells + cell]
                        let r = ComplexMatrix2(covariance, at: (j * bins + bin) * 4)
                        let (r0, r1) = a == 0 ? (r.m00, r.m01) : (r.m10, r.m11)
                        let w0 = Complex(p * r0.real, p * r0.imaginary), w1 = Complex(p * r1.real, p * r1.imaginary)
                        // Row a of G = (P_j R_j) C⁻¹, each partial sum rounded like the reference's complex64.
                        var g0 = NumPyComplex.multiply(w0, inverse.m00)
                        if rounds { g0 = NumPyComplex.roundedToSingle(g0) }
                        g0 = g0 + NumPyComplex.multiply(w1, inverse.m10)
                        if rounds { g0 = NumPyComplex.roundedToSingle(g0) }
                        var g1 = NumPyComplex.multiply(w0, inverse.m01)
                        if rounds { g1 = NumPyComplex.roundedToSingle(g1) }
                        g1 = g1 + NumPyComplex.multiply(w1, inverse.m11)
                        if rounds { g1 = NumPyComplex.roundedToSingle(g1) }
                        output[cell] = NumPyComplex.multiply(g0, x0[cell]) + NumPyComplex.multiply(g1, x1[cell])
                    }
                }
            }
        }
    }

    /// Learns `P_j` and `R_j` from the source's STFT (one array per channel).
    func model(of spectra: [[Complex<Double>]], bins: Int, frames: Int) -> SourceModel {
        let order = spectra.count
        let size = order * order
        let cells = bins * frames
        let eps = oracleEpsilon
        // 1. A first PSD: the power averaged over channels.
        var psd = [Double](repeating: 0, count: cells)
        for cell in 0..<cells {
            var sum = 0.0
            for i in 0..<order { let m = modulus(spectra[i][cell]); sum += m * m }
            psd[cell] = sum / Double(order)
        }
        // 2. R_j(f): the observed covariances y yᴴ divided by that PSD, averaged over frames.
        var covariance = [Complex<Double>](repeating: .zero, count: bins * size)
        for t in 0..<frames {
            for f in 0..<bins {
                let cell = t * bins + f
                let denominator = Complex(eps + psd[cell], 0)
                for a in 0..<order {
                    for b in 0..<order {
                        let observed = NumPyComplex.multiplyConjugate(spectra[a][cell], spectra[b][cell])
                        covariance[f * size + a * order + b] =
                            covariance[f * size + a * order + b]
                            + NumPyComplex.divide(observed, denominator)
                    }
                }
            }
        }
        let frameCount = Complex(Double(frames), 0)
        for e in covariance.indices { covariance[e] = NumPyComplex.divide(covariance[e], frameCount) }
        // 3. Normalise by np.trace over the first two axes (see the type's doc) and add ε I.
        var trace = [Complex<Double>](repeating: .zero, count: order)
        for b in 0..<order {
            for i in 0..<min(bins, order) { trace[b] = trace[b] + covariance[i * size + i * order + b] }
        }
        for f in 0..<bins {
            for a in 0..<order {
                for b in 0..<order {
                    let e = f * size + a * order + b
                    let scaled = Complex(covariance[e].real * Double(order), covariance[e].imaginary * Double(order))
                    covariance[e] = NumPyComplex.divide(scaled, trace[b]) + (a == b ? Complex(eps, 0) : .zero)
                }
            }
        }
        // 4. Refine the PSD: P = (1/I) Re tr(R⁻¹ y yᴴ), summed term by term as the reference.
        //    Inverses per bin first, then frames outer and bins inner: memory order.
        let weight = 1.0 / Double(order)
        var inverses = [Complex<Double>](repeating: .zero, count: bins * size)
        var inverse = [Complex<Double>](repeating: .zero, count: size)
        for f in 0..<bins {
            Self.invert(Array(covariance[(f * size)..<((f + 1) * size)]), order: order, into: &inverse)
            for e in 0..<size { inverses[f * size + e] = inverse[e] }
        }
        for t in 0..<frames {
            for f in 0..<bins {
                let cell = t * bins + f
                var refined = 0.0
                for i1 in 0..<order {
                    for i2 in 0..<order {
                        let observed = NumPyComplex.multiplyConjugate(spectra[i2][cell], spectra[i1][cell])
                        refined += weight * NumPyComplex.multiply(inverses[f * size + i1 * order + i2], observed).real
                    }
                }
                psd[cell] = refined
            }
        }
        return SourceModel(powerSpectralDensity: psd, spatialCovariance: covariance)
    }

    /// Writes the inverse of a 1 × 1 or 2 × 2 complex matrix (row-major) into `inverse`, by the explicit formula,
    /// with ε added to the determinant as the reference does, so silent bins give zeros
    /// instead of infinities.
    static func invert(_ m: [Complex<Double>], order: Int, into inverse: inout [Complex<Double>]) {
        let eps = oracleEpsilon
        if order == 1 {
            inverse[0] = NumPyComplex.divide(Complex(1, 0), Complex(eps, 0) + m[0])
            return
        }
        let determinant = Complex(eps, 0) + NumPyComplex.multiply(m[0], m[3]) - NumPyComplex.multiply(m[1], m[2])
        let inverseDeterminant = NumPyComplex.divide(Complex(1, 0), determinant)
        let negative = -inverseDeterminant
        inverse[0] = NumPyComplex.multiply(inverseDeterminant, m[3])
        inverse[1] = NumPyComplex.multiply(negative, m[1])
        inverse[2] = NumPyComplex.multiply(negative, m[2])
        inverse[3] = NumPyComplex.multiply(inverseDeterminant, m[0])
    }
}
