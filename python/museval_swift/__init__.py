"""museval 0.4.1's BSS Eval v4 numbers from the Swift kernel of musdb-museval.

A drop-in for museval's array API: ``import museval_swift as museval``. ``evaluate``,
``metrics.bss_eval`` and ``eval_mus_track`` take the same arguments and defaults, return
the same shapes and write the same JSON; keyword-only extras: ``threads=`` (bound the
cores used) and ``return_global=True`` (global SDR and SI-SDR from the same pass).
``pitch_shift`` and ``time_stretch`` are ``musdb stretch``'s phase vocoder on arrays.

Arrays are ``(nsrc, nsampl, nchan)`` for scoring (mono ``(nsrc, nsampl)`` accepted),
``(channels, samples)`` for the transforms, any float dtype or memory order. Scores are
in dB. Every call releases the GIL; calls are thread-safe.
"""

from __future__ import annotations

import os
import os.path as op
import warnings
from typing import Any, Mapping, Optional, Tuple, Union

import numpy as np

from . import metrics
from ._store import MUSEVAL_VERSION, TrackStore
from .transforms import pitch_shift, time_stretch

__version__ = "0.1.0"
__all__ = [
    "evaluate", "eval_mus_track", "pad_or_truncate", "TrackStore", "metrics",
    "pitch_shift", "time_stretch", "MUSEVAL_VERSION",
]


def pad_or_truncate(audio_reference: np.ndarray, audio_estimates: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Estimates zero-padded at the end, or truncated, to the references' nsampl (axis 1
    of ``(nsrc, nsampl, nchan)``), as museval does. `evaluate` does not call it: the
    kernel reads a short estimate as padded without a copy."""
    est_shape = audio_estimates.shape
    ref_shape = audio_reference.shape
    if est_shape[1] != ref_shape[1]:
        if est_shape[1] >= ref_shape[1]:
            audio_estimates = audio_estimates[:, : ref_shape[1], :]
        else:
            audio_estimates = np.pad(
                audio_estimates, [(0, 0), (0, ref_shape[1] - est_shape[1]), (0, 0)], mode="constant"
            )
    return audio_reference, audio_estimates


def evaluate(
    references: Any,
    estimates: Any,
    win: Union[int, float] = 1 * 44100,
    hop: Union[int, float] = 1 * 44100,
    mode: str = "v4",
    padding: bool = True,
    *,
    threads: Optional[int] = None,
    return_global: bool = False,
):
    """BSS Eval images, framewise, as ``museval.evaluate``.

    Parameters
    ----------
    references, estimates : array or list of arrays, shape (nsrc, nsampl, nchan)
        True sources and their estimates. With ``padding`` the estimates are zero-padded
        or truncated to the references' nsampl (without copying them).
    win, hop : int
        Window and hop in samples (museval: 1 s at 44.1 kHz each).
    mode : str
        ``"v3"`` estimates the distortion filters per frame; anything else is v4 (once
        per track), as in museval.
    padding : bool
        Pad or truncate the estimates first.
    threads : int, optional (keyword only)
        Worker threads; None or 0 uses every core.
    return_global : bool (keyword only)
        Also return global SDR (MDX: 10·log10((Σs² + 1e-7) / (Σ(s − ŝ)² + 1e-7)) over all
        samples and channels) and SI-SDR (channels concatenated, no ε), shape (nsrc,), dB.

    Returns
    -------
    SDR, ISR, SIR, SAR : ndarray, shape (nsrc, nwin), dB
        (then global_sdr, si_sdr with ``return_global=True``).
    """
    estimates = np.asarray(estimates)
    references = np.asarray(references)
    padded_shape = None
    if padding:
        if references.ndim == 3 and estimates.ndim == 3:
            # The kernel reads the estimates padded or truncated: only the shape changes here.
            padded_shape = (estimates.shape[0], references.shape[1], estimates.shape[2])
        else:
            # Other ranks: museval's own operation, for its result or its exception.
            references, estimates = pad_or_truncate(references, estimates)
    est3 = np.atleast_3d(estimates)
    ref3 = np.atleast_3d(references)
    shape = padded_shape if padded_shape is not None else est3.shape
    sdr, isr, sir, sar, _, global_sdr, si_sdr = metrics._run(
        ref3, est3, shape, win, hop, False, 512, mode == "v3", False, threads
    )
    if return_global:
        return sdr, isr, sir, sar, global_sdr, si_sdr
    return sdr, isr, sir, sar


def eval_mus_track(
    track: Any,
    user_estimates: Mapping[str, np.ndarray],
    output_dir: Optional[str] = None,
    mode: str = "v4",
    win: float = 1.0,
    hop: float = 1.0,
    *,
    threads: Optional[int] = None,
) -> TrackStore:
    """Scores a musdb track's estimates as ``museval.eval_mus_track``.

    `track` needs ``.targets`` (ordered name → object with ``.audio``, shape (nsampl,
    nchan)), ``.rate`` (Hz), ``.name`` and ``.subset``; `user_estimates` maps target
    names to arrays (nsampl, nchan). Targets are scored together, except that vocals and
    accompaniment, when both are given, are scored as their own pair. `win` and `hop` are
    in seconds. With `output_dir`, writes ``output_dir/<subset>/<name>.json``, byte for
    byte museval's file. Returns a TrackStore (``.json``, ``.df``, ``.scores``, and
    ``.global_scores`` with global SDR and SI-SDR per target).
    """
    eval_targets = [key for key, _ in list(track.targets.items()) if key in user_estimates]
    data = TrackStore(win=win, hop=hop, track_name=track.name)
    has_acc = all(x in eval_targets for x in ["vocals", "accompaniment"])
    if has_acc:
        eval_targets.remove("accompaniment")

    def score(targets):
        return evaluate(
            [track.targets[t].audio for t in targets],
            [user_estimates[t] for t in targets],
            win=int(win * track.rate),
            hop=int(hop * track.rate),
            mode=mode,
            threads=threads,
            return_global=True,
        )

    def add(targets, results, skip_vocals):
        SDR, ISR, SIR, SAR, global_sdr, si_sdr = results
        for i, target in enumerate(targets):
            if skip_vocals and target == "vocals":
                continue
            values = {"SDR": SDR[i].tolist(), "SIR": SIR[i].tolist(), "ISR": ISR[i].tolist(), "SAR": SAR[i].tolist()}
            data.add_target(target_name=target, values=values)
            data.global_scores[target] = {"globalSDR": float(global_sdr[i]), "siSDR": float(si_sdr[i])}

    if len(eval_targets) >= 2:
        add(eval_targets, score(eval_targets), has_acc)
    elif not has_acc:
        warnings.warn(
            UserWarning("BSS Eval needs at least two estimates of the track's targets: the target scores are empty.")
        )
    if has_acc:
        pair = ["vocals", "accompaniment"]
        add(pair, score(pair), False)

    if output_dir:
        try:
            subset_path = op.join(output_dir, track.subset)
            if not op.exists(subset_path):
                os.makedirs(subset_path)
            with open(op.join(subset_path, track.name) + ".json", "w+") as f:
                f.write(data.json)
        except IOError:
            pass
    return data
