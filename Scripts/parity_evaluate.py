#!/usr/bin/env python3
"""Parity of `museval` (Swift) with Python museval 0.4.1 on separator-style folders.

For every track of the shared MUSDB18-HQ sample (../shared/data/musdb-sample/hq), writes
"leaky" estimates, 16-bit WAV, estimate(t) = 0.9 * target(t) + 0.1 * linear_mixture, in each
preset layout:

  museval     train/<track>/{vocals,drums,bass,other,accompaniment}.wav
  demucs      htdemucs/<track>/{vocals,drums,bass,other}.wav
  spleeter    <track>/{vocals,accompaniment}.wav
  open-unmix  <track>/{vocals,drums,bass,other}.wav
  uvr         <track>_(Vocals).wav, <track>_(Instrumental).wav

A last run, "museval+noise", adds seeded white noise at 1 % of each target's RMS (−40 dB) to
the museval-layout estimates: leaky estimates are exact mixes of the stems up to 16-bit
rounding, so their residuals are tiny and the kernel scores their frames spectrally; with
noise, like a real separator's output, it scores them from their own correlation lags
(the run prints how many frames took that path, from BSSEVAL_TRACE).

Python side: museval.eval_mus_dir (the `museval` command) on the museval layout; for the other
layouts, museval.eval_mus_track on the same files read with soundfile and named with museval's
target names (what Python would score if it could read those layouts). Swift side: the
`museval` executable, layout auto-detected. Compares target order, frame count, NaN pattern
and the largest absolute difference per layout, and prints both run times.

Usage: python3 Scripts/parity_evaluate.py [--bin .build/release/museval] [--keep DIR]
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

if not hasattr(np.linalg, "linalg"):
    np.linalg.linalg = np.linalg  # museval 0.4.1 catches np.linalg.linalg.LinAlgError (numpy < 2)

import musdb
import museval
import soundfile as sf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("MUSDB_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))
HQ = os.path.join(SHARED, "musdb-sample", "hq")

LAYOUTS = {
    "museval": ("{subset}/{track}/{name}", [("vocals", "vocals"), ("drums", "drums"), ("bass", "bass"),
                                             ("other", "other"), ("accompaniment", "accompaniment")]),
    "demucs": ("htdemucs/{track}/{name}", [("vocals", "vocals"), ("drums", "drums"), ("bass", "bass"),
                                            ("other", "other")]),
    "spleeter": ("{track}/{name}", [("vocals", "vocals"), ("accompaniment", "accompaniment")]),
    "open-unmix": ("{track}/{name}", [("vocals", "vocals"), ("drums", "drums"), ("bass", "bass"),
                                      ("other", "other")]),
    "uvr": ("{track}_({name})", [("Vocals", "vocals"), ("Instrumental", "accompaniment")]),
}


def write_estimates(mus, folder, pattern, files, noise=0.0):
    for track in mus.tracks:
        mixture = track.targets["linear_mixture"].audio
        for index, (name, target) in enumerate(files):
            path = os.path.join(folder, pattern.format(subset=track.subset, track=track.name, name=name) + ".wav")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            audio = 0.9 * track.targets[target].audio + 0.1 * mixture
            if noise > 0:
                rms = np.sqrt(np.mean(track.targets[target].audio ** 2))
                audio = audio + noise * rms * np.random.default_rng(1000 + index).standard_normal(audio.shape)
            sf.write(path, audio, track.rate, subtype="PCM_16")


def python_scores(mus, layout, folder, out):
    pattern, files = LAYOUTS[layout]
    if layout == "museval":
        museval.eval_mus_dir(dataset=mus, estimates_dir=folder, output_dir=out)
        return
    for track in mus.tracks:
        estimates = {}
        for name, target in files:
            path = os.path.join(folder, pattern.format(subset=track.subset, track=track.name, name=name) + ".wav")
            estimates[target], _ = sf.read(path, always_2d=True)
        museval.eval_mus_track(track, estimates, output_dir=out)


def load(path):
    with open(path) as f:
        return json.load(f)  # Python's json reads the bare NaN tokens


def compare(ours, theirs):
    """(ok, message): same targets, frames and NaN pattern; the largest |difference|."""
    a, b = load(ours), load(theirs)
    names_a = [t["name"] for t in a["targets"]]
    names_b = [t["name"] for t in b["targets"]]
    if names_a != names_b:
        return False, f"targets {names_a} vs {names_b}"
    worst = 0.0
    for ta, tb in zip(a["targets"], b["targets"]):
        if len(ta["frames"]) != len(tb["frames"]):
            return False, f"{ta['name']}: {len(ta['frames'])} vs {len(tb['frames'])} frames"
        for fa, fb in zip(ta["frames"], tb["frames"]):
            if (fa["time"], fa["duration"]) != (fb["time"], fb["duration"]):
                return False, f"{ta['name']}: frame times differ"
            for metric in ("SDR", "SIR", "SAR", "ISR"):
                x, y = fa["metrics"][metric], fb["metrics"][metric]
                if np.isnan(x) != np.isnan(y):
                    return False, f"{ta['name']} t={fa['time']} {metric}: NaN pattern differs ({x} vs {y})"
                if not np.isnan(x):
                    worst = max(worst, abs(x - y))
    return worst <= 0.01, f"{len(names_a)} targets {names_a}, max |diff| {worst:.5f} dB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "museval"))
    parser.add_argument("--keep", help="write everything here instead of a temporary folder")
    args = parser.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: run `swift build -c release` first")
    if not os.path.isdir(HQ):
        sys.exit(f"{HQ} not found (the shared sample data)")

    work = args.keep or tempfile.mkdtemp(prefix="parity-evaluate-")
    mus = musdb.DB(root=HQ, is_wav=True)
    all_ok = True
    print(f"dataset: {HQ} ({len(mus.tracks)} track(s)); work folder: {work}")
    print(f"{'layout':<11} {'python s':>9} {'swift s':>8}  result")
    runs = [(layout, layout, 0.0) for layout in LAYOUTS] + [("museval+noise", "museval", 0.01)]
    for label, layout, noise in runs:
        pattern, files = LAYOUTS[layout]
        folder = os.path.join(work, "estimates", label)
        shutil.rmtree(folder, ignore_errors=True)
        write_estimates(mus, folder, pattern, files, noise)
        py_out, sw_out = os.path.join(work, "python", label), os.path.join(work, "swift", label)
        shutil.rmtree(py_out, ignore_errors=True)
        shutil.rmtree(sw_out, ignore_errors=True)
        start = time.time()
        python_scores(mus, layout, folder, py_out)
        py_time = time.time() - start
        start = time.time()
        run = subprocess.run([args.bin, folder, "--root", HQ, "--is-wav", "-o", sw_out],
                             capture_output=True, text=True, env=dict(os.environ, BSSEVAL_TRACE="1"))
        sw_time = time.time() - start
        if run.returncode != 0:
            all_ok = False
            print(f"{label:<11} {py_time:9.1f} {sw_time:8.1f}  FAIL: exit {run.returncode}\n{run.stderr}")
            continue
        detected = next((line for line in run.stderr.splitlines() if line.startswith("layout:")), "")
        from_lags = sum(int(m) for m in re.findall(r"(\d+) frames from their lags", run.stderr))
        spectral = sum(int(m) for m in re.findall(r"\s(\d+) frames$", run.stderr, re.MULTILINE))
        results = []
        for theirs in sorted(glob.glob(os.path.join(py_out, "*", "*.json"))):
            ours = os.path.join(sw_out, os.path.relpath(theirs, py_out))
            ok, message = compare(ours, theirs) if os.path.exists(ours) else (False, f"missing {ours}")
            all_ok &= ok
            results.append(("ok  " if ok else "FAIL") + " " + os.path.relpath(theirs, py_out) + ": " + message)
        if not results:
            all_ok = False
            results.append("FAIL: Python wrote no score file")
        print(f"{label:<11} {py_time:9.1f} {sw_time:8.1f}  {detected}")
        print(" " * 32 + f"frames scored from their own lags: {from_lags}, spectrally: {spectral}")
        for line in results:
            print(" " * 32 + line)
    print("PARITY OK" if all_ok else "PARITY FAILED")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
