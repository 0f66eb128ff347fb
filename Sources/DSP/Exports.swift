// `Complex<Double>` is part of DSP's API (spectra), so DSP's users get swift-numerics'
// Complex and Real with it.
@_exported import ComplexModule
@_exported import RealModule
