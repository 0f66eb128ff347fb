"""`museval.metrics.bss_eval` with the Swift kernel: same arguments, defaults, shapes,
return values and exceptions, about a hundred times faster.

Arrays are ``(nsrc, nsampl, nchan)`` (``(nsrc, nsampl)`` and ``(nsampl,)`` are read as
mono, as museval's ``np.atleast_3d`` reads them), any float dtype and memory order:
they are converted once to C-contiguous float64. Scores are in dB.
"""

from __future__ import annotations

import math
import os
import warnings
from typing import Optional, Tuple, Union

import numpy as np

from . import _native

#: museval's limit on the number of sources (its `validate` refuses more).
MAX_SOURCES = 100

ArrayLike = Union[np.ndarray, list, tuple]
Number = Union[int, float]


def _resolve_threads(threads: Optional[int]) -> int:
    """0 (all cores) for None, else a positive count; the default can be set with
    MUSEVAL_SWIFT_THREADS."""
    if threads is None:
        env = os.environ.get("MUSEVAL_SWIFT_THREADS")
        threads = int(env) if env else 0
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 0:
        raise ValueError(f"threads must be None, 0 (all cores) or a positive integer (got {threads!r})")
    return int(threads)


def _any_source_silent(sources: np.ndarray) -> bool:
    return bool(np.any(np.all(np.sum(sources, axis=tuple(range(2, sources.ndim))) == 0, axis=1)))


def validate(reference_sources: np.ndarray, estimated_sources: np.ndarray) -> None:
    """museval's input checks, in museval's order and with its exception types
    (ValueError; a warning for empty arrays). Silence is checked here too: this is the
    public helper, `bss_eval` leaves that check to the kernel's single pass."""
    _validate_shapes(reference_sources, estimated_sources)
    if reference_sources.size and _any_source_silent(reference_sources):
        raise ValueError("reference source is silent (all zeros): BSS Eval is undefined for it")
    if estimated_sources.size and _any_source_silent(estimated_sources):
        raise ValueError("estimated source is silent (all zeros): BSS Eval is undefined for it")


def _validate_shapes(reference_sources: np.ndarray, estimated_sources: np.ndarray, shape=None) -> None:
    est_shape = estimated_sources.shape if shape is None else shape
    if reference_sources.shape != est_shape:
        raise ValueError(
            "estimated and reference sources must have the same shape (nsrc, nsampl, nchan): "
            f"reference_sources.shape = {reference_sources.shape}, estimated_sources.shape = {est_shape}"
        )
    if reference_sources.ndim > 3:
        raise ValueError(
            f"too many dimensions: arrays must be (nsrc, nsampl, nchan) at most, got ndim = {reference_sources.ndim}"
        )
    if reference_sources.size == 0:
        warnings.warn("reference_sources is empty (expected (nsrc, nsampl, nchan)): every score will be empty")
    if int(np.prod(est_shape)) == 0:
        warnings.warn("estimated_sources is empty (expected (nsrc, nsampl, nchan)): every score will be empty")
    if est_shape[0] > MAX_SOURCES or reference_sources.shape[0] > MAX_SOURCES:
        raise ValueError(
            f"{max(est_shape[0], reference_sources.shape[0])} sources: more than MAX_SOURCES = {MAX_SOURCES} "
            "(arrays must be (nsrc, nsampl, nchan); set museval_swift.metrics.MAX_SOURCES to allow more)"
        )


def _samples(value: Number, name: str) -> Union[int, float]:
    """A window or hop in samples: a whole number, or +inf."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number of samples (got {value!r})") from None
    if math.isinf(number) and number > 0:
        return math.inf
    if not math.isfinite(number) or number <= 0 or number != math.floor(number):
        raise ValueError(f"{name} must be a positive whole number of samples or inf (got {value!r})")
    return int(number)


def _geometry(window: Number, hop: Number, nsampl: int) -> Tuple[int, int]:
    """museval's Framing as integer samples for the kernel: a window at least as long as
    the track is one frame of the whole track."""
    win = _samples(window, "window")
    hop_ = _samples(hop, "hop")
    if win >= nsampl:
        return nsampl, nsampl
    if math.isinf(hop_):
        raise ValueError("hop must be finite when the window is shorter than the track")
    return int(win), int(hop_)


def _as_kernel_array(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array, dtype=np.float64)


def _run(
    references: np.ndarray,
    estimates: np.ndarray,
    estimated_shape: tuple,
    window: Number,
    hop: Number,
    compute_permutation: bool,
    filters_len: int,
    framewise_filters: bool,
    bsseval_sources_version: bool,
    threads: Optional[int],
):
    """Validated 3-D arrays to the kernel. `estimated_shape` is the shape museval would
    see after padding; `estimates` may be shorter or longer along axis 1."""
    _validate_shapes(references, estimates, estimated_shape)
    if references.size == 0 or int(np.prod(estimated_shape)) == 0:
        empty = np.array([])
        return empty, empty, empty, empty, empty, empty, empty
    try:
        filters = int(filters_len)
    except (TypeError, ValueError):
        raise ValueError(f"filters_len must be a positive integer (got {filters_len!r})") from None
    if filters <= 0 or filters != filters_len:
        raise ValueError(f"filters_len must be a positive integer (got {filters_len!r})")
    win, hop_ = _geometry(window, hop, references.shape[1])
    return _native.bss_eval(
        _as_kernel_array(references),
        _as_kernel_array(estimates),
        win,
        hop_,
        filters,
        bool(framewise_filters),
        bool(bsseval_sources_version),
        bool(compute_permutation),
        _resolve_threads(threads),
    )


def bss_eval(
    reference_sources: ArrayLike,
    estimated_sources: ArrayLike,
    window: Number = 2 * 44100,
    hop: Number = 1.5 * 44100,
    compute_permutation: bool = False,
    filters_len: int = 512,
    framewise_filters: bool = False,
    bsseval_sources_version: bool = False,
    *,
    threads: Optional[int] = None,
    return_global: bool = False,
):
    """BSS Eval v4 (v3 with ``framewise_filters=True``), framewise, as museval 0.4.1.

    Parameters
    ----------
    reference_sources, estimated_sources : array, shape (nsrc, nsampl, nchan)
        True and estimated source images, same shape (``(nsrc, nsampl)`` is mono).
    window, hop : int or inf
        Frame length and hop in samples; a window at least as long as the track gives one
        frame of the whole track. Must be whole numbers (museval floors fractional ones).
    compute_permutation : bool
        Choose, among all assignments of estimates to references, the one with the
        largest mean SIR (found by linear assignment, not by enumeration). Frames where
        every score is NaN (a silent frame) are left out of that mean; museval averages
        them in, which makes it return the identity whenever a frame is silent.
    filters_len : int
        Distortion filter taps (512).
    framewise_filters : bool
        v3: filters estimated per frame instead of once per track.
    bsseval_sources_version : bool
        ``bss_eval_sources`` criteria (ISR is NaN).
    threads : int, optional (keyword only)
        Worker threads; None or 0 uses every core (env ``MUSEVAL_SWIFT_THREADS`` sets
        the default).
    return_global : bool (keyword only)
        Also return the whole-track global SDR (MDX, ε = 1e-7) and SI-SDR per source.

    Returns
    -------
    sdr, isr, sir, sar : ndarray, shape (nsrc, nwin), dB
        NaN in frames where any reference or estimate is silent; +inf for zero error.
    perm : ndarray of int64, shape (nsrc, 1) for v4, (nsrc, nwin) for v3
        ``perm[j, t]`` is the estimate matched with reference ``j``.
    global_sdr, si_sdr : ndarray, shape (nsrc,), dB (only with ``return_global=True``)
        Reference ``j`` against estimate ``j`` (input order), over the whole track.

    Raises
    ------
    ValueError
        Shapes differ, more than 3 dimensions or ``MAX_SOURCES`` sources, a silent
        source, or a window / hop / filter length the kernel cannot take.
    """
    estimated = np.atleast_3d(estimated_sources)
    reference = np.atleast_3d(reference_sources)
    sdr, isr, sir, sar, perm, global_sdr, si_sdr = _run(
        reference, estimated, estimated.shape, window, hop, compute_permutation, filters_len,
        framewise_filters, bsseval_sources_version, threads,
    )
    if return_global:
        return sdr, isr, sir, sar, perm, global_sdr, si_sdr
    return sdr, isr, sir, sar, perm


def bss_eval_sources(reference_sources: ArrayLike, estimated_sources: ArrayLike, compute_permutation: bool = True,
                     *, threads: Optional[int] = None):
    """BSS Eval v3 ``bss_eval_sources`` on the whole signal (one frame, filters per frame,
    sources criteria), as museval's wrapper: returns sdr, sir, sar, perm."""
    sdr, _, sir, sar, perm = bss_eval(
        reference_sources, estimated_sources, window=np.inf, hop=np.inf, compute_permutation=compute_permutation,
        filters_len=512, framewise_filters=True, bsseval_sources_version=True, threads=threads,
    )
    return sdr, sir, sar, perm


def bss_eval_sources_framewise(reference_sources: ArrayLike, estimated_sources: ArrayLike,
                               window: Number = 30 * 44100, hop: Number = 15 * 44100,
                               compute_permutation: bool = False, *, threads: Optional[int] = None):
    """Framewise ``bss_eval_sources`` (v3, sources criteria): returns sdr, sir, sar, perm."""
    sdr, _, sir, sar, perm = bss_eval(
        reference_sources, estimated_sources, window=window, hop=hop, compute_permutation=compute_permutation,
        filters_len=512, framewise_filters=True, bsseval_sources_version=True, threads=threads,
    )
    return sdr, sir, sar, perm


def bss_eval_images(reference_sources: ArrayLike, estimated_sources: ArrayLike, compute_permutation: bool = True,
                    *, threads: Optional[int] = None):
    """BSS Eval v3 ``bss_eval_images`` on the whole signal: returns sdr, isr, sir, sar, perm."""
    return bss_eval(
        reference_sources, estimated_sources, window=np.inf, hop=np.inf, compute_permutation=compute_permutation,
        filters_len=512, framewise_filters=True, bsseval_sources_version=False, threads=threads,
    )


def bss_eval_images_framewise(reference_sources: ArrayLike, estimated_sources: ArrayLike,
                              window: Number = 30 * 44100, hop: Number = 15 * 44100,
                              compute_permutation: bool = False, *, threads: Optional[int] = None):
    """Framewise ``bss_eval_images`` (v3): returns sdr, isr, sir, sar, perm."""
    return bss_eval(
        reference_sources, estimated_sources, window=window, hop=hop, compute_permutation=compute_permutation,
        filters_len=512, framewise_filters=True, bsseval_sources_version=False, threads=threads,
    )
