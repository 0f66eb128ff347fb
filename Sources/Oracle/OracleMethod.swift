/// The oracles by their SiSEC / command-line names.
public enum OracleMethod: String, Sendable, CaseIterable {
    /// Ideal ratio mask of magnitudes.
    case irm1
    /// Ideal ratio mask of powers (SiSEC 2018's "IRM2").
    case irm2
    /// Ideal binary mask of magnitudes, threshold 0.5.
    case ibm1
    /// Ideal binary mask of powers, threshold 0.5.
    case ibm2
    /// Multichannel Wiener filter.
    case mwf
    /// IRM2 at several STFT sizes (`MultiResolutionIRM`).
    case mrstft
    /// The mixture divided among the sources: the baseline (`MixtureBaseline`).
    case mix

    /// The separator with the reference's parameters (for `mrstft`, the average of its
    /// resolutions; choosing the best resolution needs scores).
    public var separator: OracleSeparator {
        switch self {
        case .irm1: return IdealRatioMask(exponent: 1)
        case .irm2: return IdealRatioMask(exponent: 2)
        case .ibm1: return IdealBinaryMask(exponent: 1, threshold: 0.5)
        case .ibm2: return IdealBinaryMask(exponent: 2, threshold: 0.5)
        case .mwf: return MultichannelWienerFilter()
        case .mrstft: return MultiResolutionIRM()
        case .mix: return MixtureBaseline()
        }
    }
}
