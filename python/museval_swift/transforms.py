"""``musdb stretch`` on arrays: the augmentation's phase-vocoder time stretch and pitch
shift (Sources/Augmentation/PitchShift.swift), the same samples as the command."""

from __future__ import annotations

import numpy as np

from . import _native


def _channels(audio) -> tuple:
    array = np.asarray(audio)
    if array.ndim not in (1, 2):
        raise ValueError(f"audio must be (channels, samples) or (samples,), got shape {array.shape}")
    if array.ndim == 2 and array.shape[0] == 0:
        raise ValueError("audio has no channels")
    if not (np.issubdtype(array.dtype, np.floating) or np.issubdtype(array.dtype, np.integer)):
        raise ValueError(f"audio must be real numbers, got dtype {array.dtype}")
    data = np.ascontiguousarray(np.atleast_2d(array), dtype=np.float64)
    if not np.all(np.isfinite(data)):
        raise ValueError("audio holds NaN or infinite samples")
    return array, data


def _finish(array: np.ndarray, out: np.ndarray) -> np.ndarray:
    if array.ndim == 1:
        out = out[0]
    if array.dtype == np.float32:
        out = out.astype(np.float32)
    return out


def _rate(sample_rate) -> int:
    if isinstance(sample_rate, bool) or int(sample_rate) != sample_rate:
        raise ValueError(f"sample_rate must be a whole number of Hz (got {sample_rate!r})")
    return int(sample_rate)


def pitch_shift(audio: np.ndarray, sample_rate: int, semitones: float, tempo: float = 1.0) -> np.ndarray:
    """Pitch shift by `semitones` (fractional allowed, −48…48; negative lowers) and tempo
    change by `tempo` (0.25…4; > 1 is faster) in one pass, as ``musdb stretch --semitones
    S --rate T``: one phase-vocoder stretch by ``tempo / 2**(S/12)`` (all channels share
    one phase evolution, transients kept), then libsamplerate (medium) back.

    `audio`: (channels, samples) or (samples,), any real dtype, at `sample_rate` Hz.
    Returns (channels, round(samples / tempo)) float64 (float32 for float32 input); the
    input unchanged for ``semitones == 0, tempo == 1``.
    """
    array, data = _channels(audio)
    return _finish(array, _native.pitch_shift(data, _rate(sample_rate), float(semitones), float(tempo)))


def time_stretch(audio: np.ndarray, sample_rate: int, rate: float) -> np.ndarray:
    """`audio` played `rate` times faster (0.25…4), pitch unchanged, as ``musdb stretch
    --rate R``: (channels, samples) → (channels, round(samples / rate)) (see
    `pitch_shift`)."""
    return pitch_shift(audio, sample_rate, 0.0, tempo=rate)
