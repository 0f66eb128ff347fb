// The DSP module.
