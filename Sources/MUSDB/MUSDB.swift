// The MUSDB module.
