#!/usr/bin/env python3
"""The Python package museval_swift vs museval 0.4.1 in one process, on the same arrays.

For each duration (default 60 s and 300 s) the stems of the MUSDB18 preview track in
../shared/data/musdb-sample are tiled to a 4-source stereo 44.1 kHz track (estimates:
each stem at 0.8 plus 0.15 of the others plus seeded noise at 0.2 of the stems' standard
deviation, so SAR is about 14 dB as a separator's), held in memory as museval's
(nsrc, nsampl, nchan) float64, and scored by
  - museval.evaluate(references, estimates)         (once)
  - museval_swift.evaluate(references, estimates)   (--repeats times, median, after
    one 3 s call that makes the process's FFT plans)
with the default win = hop = 44100. Printed: wall times, the ratio, the largest score
difference (NaN patterns must agree).

CPU time (time.process_time, all threads of the process) is printed beside the wall time:
on a shared machine it shows what each side costs when the wall clock is stretched by
other jobs.

Then the pitch shift of a 60 s stereo mix by +2 semitones, in × real time:
  - museval_swift.pitch_shift(audio, 44100, 2.0)
  - SoundTouch's soundstretch as Demucs' repitch calls it: the audio written as 16-bit
    WAV, `soundstretch in.wav out.wav -pitch=2 -tempo=0.000000`, read back (all counted).

`--signals synthetic` scores bsseval_speed.py's synthetic track instead (noise-excited
resonant sources). Both kinds of track are scored from each frame's own lags; a frame
whose energies the lags cannot give accurately enough goes to the slower spectral
scorer (Sources/BSSEval/README.md, "Frames scored from their own lags").

Usage: python_evaluate.py [--durations 60,300] [--repeats 3] [--skip-museval]
                          [--signals music|synthetic]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

RATE = 44100
STEMS = ["vocals", "drums", "bass", "other"]
ROOT = Path(__file__).resolve().parents[1]
TRACK = Path(os.environ.get("MUSDB_SAMPLE", ROOT.parent / "shared" / "data" / "musdb-sample")) / "hq" / "train" / "Music Delta - 80s Rock"


def tiled_track(seconds):
    import soundfile as sf

    stems = np.stack([sf.read(str(TRACK / f"{s}.wav"), always_2d=True)[0] for s in STEMS])
    n = int(seconds * RATE)
    reps = -(-n // stems.shape[1])
    refs = np.ascontiguousarray(np.tile(stems, (1, reps, 1))[:, :n])
    rng = np.random.default_rng(42)
    total = refs.sum(axis=0)
    ests = 0.8 * refs + 0.15 * (total[None] - refs) + 0.2 * np.std(refs) * rng.standard_normal(refs.shape)
    return refs, ests


def synthetic_track(seconds):
    """bsseval_speed.py's synthetic 4-source track (noise-excited resonances), in museval's
    (nsrc, nsampl, nchan) layout."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bsseval_speed import synthesize

    refs, ests = synthesize(seconds)
    return np.ascontiguousarray(refs.transpose(0, 2, 1)), np.ascontiguousarray(ests.transpose(0, 2, 1))


def max_difference(ours, theirs):
    worst = 0.0
    for o, t in zip(ours, theirs):
        if not np.array_equal(np.isnan(o), np.isnan(t)):
            return float("nan")
        finite = np.isfinite(o) & np.isfinite(t)
        if finite.any():
            worst = max(worst, float(np.max(np.abs(o[finite] - t[finite]))))
    return worst


def bench_evaluate(seconds, repeats, skip_museval, signals="music"):
    import museval_swift

    refs, ests = tiled_track(seconds) if signals == "music" else synthetic_track(seconds)
    # One short call first: FFTW plans are made once per process, not per track.
    museval_swift.evaluate(refs[:, : 3 * RATE], ests[:, : 3 * RATE])
    runs, cpus = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        ours = museval_swift.evaluate(refs, ests)
        runs.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    ours_time = sorted(runs)[len(runs) // 2]
    ours_cpu = sorted(cpus)[len(cpus) // 2]
    line = (
        f"{seconds:>5.0f} s {signals}: museval_swift {ours_time:6.2f} s wall, {ours_cpu:6.2f} s CPU "
        f"(median of {repeats}, wall {min(runs):.2f}–{max(runs):.2f})"
    )
    if skip_museval:
        print(line, flush=True)
        return
    import museval

    if not hasattr(np.linalg, "linalg"):
        np.linalg.linalg = np.linalg  # museval 0.4.1 on numpy 2
    start, cpu = time.perf_counter(), time.process_time()
    theirs = museval.evaluate(refs, ests)
    museval_time, museval_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{line}; museval {museval_time:7.2f} s wall, {museval_cpu:7.2f} s CPU: "
        f"{museval_time / ours_time:5.1f}× faster (wall), {museval_cpu / ours_cpu:5.1f}× less CPU, "
        f"max |Δ| = {max_difference(ours, theirs):.2g} dB over {ours[0].size * 4} scores",
        flush=True,
    )


def bench_pitch_shift(seconds=60):
    import museval_swift
    import soundfile as sf

    refs, _ = tiled_track(seconds)
    mix = refs.sum(axis=0).T.copy()  # (2, n)
    start = time.perf_counter()
    museval_swift.pitch_shift(mix, RATE, 2.0)
    ours = time.perf_counter() - start
    print(f"pitch_shift +2 semitones, {seconds} s stereo: museval_swift {ours:6.2f} s = {seconds / ours:6.1f}× real time", end="")
    tool = shutil.which("soundstretch")
    if tool is None:
        print("; soundstretch is missing (apt-get install soundstretch; make bench installs it)")
        return
    with tempfile.TemporaryDirectory() as folder:
        infile, outfile = os.path.join(folder, "in.wav"), os.path.join(folder, "out.wav")
        start = time.perf_counter()
        sf.write(infile, np.clip(mix.T, -1, 1), RATE, subtype="PCM_16")
        subprocess.run([tool, infile, outfile, "-pitch=2", "-tempo=0.000000"], check=True, capture_output=True)
        sf.read(outfile, always_2d=True)
        theirs = time.perf_counter() - start
    print(f", soundstretch (Demucs' repitch) {theirs:6.2f} s = {seconds / theirs:6.1f}× real time")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--durations", default="60,300")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-museval", action="store_true")
    parser.add_argument(
        "--signals", choices=["music", "synthetic"], default="music",
        help="music: tiled musdb-sample stems; synthetic: bsseval_speed.py's track (no pitch shift run)",
    )
    args = parser.parse_args()
    if not TRACK.is_dir():
        print(f"skipped: {TRACK} missing (the ../shared/data/musdb-sample folder)")
        return 0
    import museval_swift

    print(f"museval_swift {museval_swift.__version__}, {os.cpu_count()} cores, numpy {np.__version__}", flush=True)
    for seconds in [float(d) for d in args.durations.split(",")]:
        bench_evaluate(seconds, args.repeats, args.skip_museval, args.signals)
    if args.signals == "music":
        bench_pitch_shift()
    return 0


if __name__ == "__main__":
    sys.exit(main())
