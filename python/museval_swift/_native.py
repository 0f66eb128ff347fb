"""ctypes binding of libmuseval_swift.so (Swift target MUSEvalC).

The library is looked up, in order, at ``$MUSEVAL_SWIFT_LIBRARY`` (a path to the .so,
for running from a build folder) and ``museval_swift/lib/libmuseval_swift.so`` (where
``make python`` installs it). Calls go through ``ctypes.CDLL``, which releases the GIL
for their duration, so several Python threads can score at once.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Optional

import numpy as np

ABI_VERSION = 1

#: Status codes of the C interface (Sources/MUSEvalC/CInterface.swift).
OK, INVALID_ARGUMENT, SILENT_SOURCE, FAILURE = 0, 1, 2, 3

_MESSAGE_CAPACITY = 4096
_lock = threading.Lock()
_library: Optional[ctypes.CDLL] = None

# libdispatch's worker pool (the kernel's parallel loops) does not survive fork(): a
# forked child that ran a parallel loop would wait forever for workers that no longer
# exist. So once the parent has used more than one thread, a forked child runs the kernel
# on its calling thread only (threads = 1, which never touches Dispatch).
_parallel_used = False
_forked_after_parallel = False


def _after_fork_in_child() -> None:
    global _forked_after_parallel, _lock
    _lock = threading.Lock()
    if _parallel_used:
        _forked_after_parallel = True


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def effective_threads(threads: int) -> int:
    """`threads` for the kernel (0 = all cores), or 1 in a child forked after a
    parallel call (see above)."""
    global _parallel_used
    if _forked_after_parallel:
        return 1
    if threads != 1:
        _parallel_used = True
    return threads


_double_p = ctypes.POINTER(ctypes.c_double)
_int64_p = ctypes.POINTER(ctypes.c_int64)
_ssize = ctypes.c_ssize_t  # Swift's Int on 64-bit Linux


def library_path() -> Path:
    """Where the shared library is loaded from (see the module docstring)."""
    override = os.environ.get("MUSEVAL_SWIFT_LIBRARY")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent / "lib" / "libmuseval_swift.so"


def _load() -> ctypes.CDLL:
    global _library
    with _lock:
        if _library is not None:
            return _library
        path = library_path()
        if not path.exists():
            raise ImportError(
                f"museval_swift: {path} is missing; build and install the package with "
                "`make python` in the musdb-museval checkout (or set MUSEVAL_SWIFT_LIBRARY)"
            )
        lib = ctypes.CDLL(str(path))
        lib.museval_swift_abi_version.restype = ctypes.c_int32
        lib.museval_swift_abi_version.argtypes = []
        found = lib.museval_swift_abi_version()
        if found != ABI_VERSION:
            raise ImportError(f"museval_swift: {path} has C interface version {found}, expected {ABI_VERSION}")
        lib.museval_swift_frame_count.restype = _ssize
        lib.museval_swift_frame_count.argtypes = [_ssize, _ssize, _ssize]
        lib.museval_swift_bss_eval.restype = ctypes.c_int32
        lib.museval_swift_bss_eval.argtypes = (
            [_double_p, _double_p]
            + [_ssize] * 4
            + [_ssize] * 3
            + [ctypes.c_int32] * 3
            + [_ssize, _ssize]
            + [_double_p] * 4
            + [_int64_p, _double_p, _double_p, ctypes.c_char_p, _ssize]
        )
        lib.museval_swift_stretched_length.restype = _ssize
        lib.museval_swift_stretched_length.argtypes = [_ssize, ctypes.c_double]
        lib.museval_swift_pitch_shift.restype = ctypes.c_int32
        lib.museval_swift_pitch_shift.argtypes = [
            _double_p, _ssize, _ssize, _ssize, ctypes.c_double, ctypes.c_double,
            _double_p, _ssize, ctypes.c_char_p, _ssize,
        ]
        _library = lib
        return lib


def _pointer(array: Optional[np.ndarray], kind=_double_p):
    return None if array is None else array.ctypes.data_as(kind)


def _raise(status: int, message: ctypes.Array) -> None:
    text = message.value.decode("utf-8", errors="replace")
    if status in (INVALID_ARGUMENT, SILENT_SOURCE):
        raise ValueError(text)
    raise RuntimeError(f"museval_swift: {text}")


def frame_count(window: int, hop: int, length: int) -> int:
    """museval's number of frames for `length` samples."""
    return int(_load().museval_swift_frame_count(window, hop, length))


def bss_eval(
    references: np.ndarray,
    estimates: np.ndarray,
    window: int,
    hop: int,
    filters_len: int,
    framewise: bool,
    sources_version: bool,
    permutation: bool,
    threads: int,
):
    """The kernel on C-contiguous float64 `(nsrc, nsampl, nchan)` arrays (estimates may
    have another nsampl: padded or truncated). Returns sdr, isr, sir, sar (nsrc, nwin),
    perm (nsrc, 1 or nwin) int64, global SDR and SI-SDR (nsrc,)."""
    lib = _load()
    nsrc, length, nchan = references.shape
    frames = frame_count(window, hop, length)
    out = [np.empty((nsrc, frames)) for _ in range(4)]
    perm = np.empty((nsrc, frames if framewise else 1), dtype=np.int64)
    global_sdr = np.empty(nsrc)
    si_sdr = np.empty(nsrc)
    message = ctypes.create_string_buffer(_MESSAGE_CAPACITY)
    status = lib.museval_swift_bss_eval(
        _pointer(references), _pointer(estimates if estimates.size else None),
        nsrc, length, estimates.shape[1], nchan,
        window, hop, filters_len,
        int(framewise), int(sources_version), int(permutation), effective_threads(threads),
        frames,
        *[_pointer(a) for a in out],
        _pointer(perm, _int64_p), _pointer(global_sdr), _pointer(si_sdr),
        message, _MESSAGE_CAPACITY,
    )
    if status != OK:
        _raise(status, message)
    return (*out, perm, global_sdr, si_sdr)


def stretched_length(count: int, rate: float) -> int:
    """Samples after a stretch by `rate`: round(count / rate), half away from zero."""
    return int(_load().museval_swift_stretched_length(count, rate))


def pitch_shift(audio: np.ndarray, sample_rate: int, semitones: float, rate: float) -> np.ndarray:
    """`musdb stretch` on C-contiguous float64 `(channels, samples)`."""
    lib = _load()
    channels, count = audio.shape
    if not (np.isfinite(rate) and rate > 0):
        raise ValueError(f"the tempo / rate must be in 0.25…4 (got {rate})")
    output_count = stretched_length(count, rate)
    if output_count < 0:
        raise ValueError(f"the tempo / rate must be in 0.25…4 (got {rate})")
    out = np.empty((channels, output_count))
    message = ctypes.create_string_buffer(_MESSAGE_CAPACITY)
    status = lib.museval_swift_pitch_shift(
        _pointer(audio if audio.size else None), channels, count, sample_rate,
        float(semitones), float(rate), _pointer(out if out.size else None), output_count,
        message, _MESSAGE_CAPACITY,
    )
    if status != OK:
        _raise(status, message)
    return out
