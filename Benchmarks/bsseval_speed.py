#!/usr/bin/env python3
"""BSS Eval speed and memory: Python museval 0.4.1 vs our BSSEval kernel, same data, one run.

For each duration (default 60 s and 300 s) it synthesises a 4-source stereo 44.1 kHz track
(noise-excited resonant sources with slow amplitude envelopes; estimates = leaky mixes plus
noise), writes it as raw float64 files, then runs as separate child processes
  - museval.evaluate(references, estimates, win=44100, hop=44100)   (Python)
  - .build/release/BSSEvalBenchmark on the same files                (Swift)
and prints wall time (whole process, and evaluate() alone), peak RSS (each child's own
VmHWM, inputs included), the ratios and the largest
|difference| between the two score sets (NaN patterns must agree).

Ours runs --repeats times (default 3) and the median run is reported (min–max after it):
on a shared 2-core machine one run of ~1 s swings by ±25 % with the neighbours' load,
while museval's minutes-long run averages that out. museval runs once.

Usage: bsseval_speed.py [--durations 60,300] [--bin .build/release/BSSEvalBenchmark]
       bsseval_speed.py --museval DIR  (internal: the museval child)
"""
import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

RATE = 44100
NSRC, NCHAN = 4, 2


def synthesize(seconds, seed=1234):
    from scipy.signal import lfilter
    n = int(seconds * RATE)
    rng = np.random.default_rng(seed)
    refs = np.empty((NSRC, NCHAN, n))
    t = np.arange(n) / RATE
    for j, (f, r) in enumerate([(180.0, 0.995), (60.0, 0.998), (900.0, 0.99), (2500.0, 0.97)]):
        a1 = 2 * r * math.cos(2 * math.pi * f / RATE)
        envelope = 0.6 + 0.4 * np.sin(2 * math.pi * (0.1 + 0.07 * j) * t + j)
        for c in range(NCHAN):
            x = lfilter([1.0], [1.0, -a1, r * r], rng.standard_normal(n))
            refs[j, c] = 0.05 * envelope * x / np.std(x) * (1.0 + 0.2 * c)
    ests = np.empty_like(refs)
    for j in range(NSRC):
        leak = sum(refs[k] for k in range(NSRC) if k != j)
        ests[j] = 0.85 * refs[j] + 0.08 * leak + 0.01 * rng.standard_normal((NCHAN, n))
    return refs, ests


def peak_rss_mb():
    """This process's own peak resident set (VmHWM). Not wait4's ru_maxrss: Linux carries
    the forking Python parent's high-water mark across exec into the child's figure."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def museval_child(directory):
    import numpy as np
    if not hasattr(np.linalg, "linalg"):
        np.linalg.linalg = np.linalg  # museval 0.4.1 names np.linalg.linalg.LinAlgError (gone in numpy 2)
    import museval
    meta = json.load(open(os.path.join(directory, "meta.json")))
    shape = (meta["nsrc"], meta["nchan"], meta["n"])
    refs = np.fromfile(os.path.join(directory, "refs.f64"), dtype="<f8").reshape(shape)
    ests = np.fromfile(os.path.join(directory, "ests.f64"), dtype="<f8").reshape(shape)
    # museval's layout: (nsrc, nsampl, nchan)
    refs = np.ascontiguousarray(np.moveaxis(refs, 1, 2))
    ests = np.ascontiguousarray(np.moveaxis(ests, 1, 2))
    t0 = time.time()
    sdr, isr, sir, sar = museval.evaluate(refs, ests, win=RATE, hop=RATE)
    dt = time.time() - t0

    def enc(m):
        return [[("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else float(v))
                 for v in row] for row in m]
    json.dump({"SDR": enc(sdr), "ISR": enc(isr), "SIR": enc(sir), "SAR": enc(sar), "evaluate_seconds": dt,
               "peak_mb_after_evaluate": peak_rss_mb()},
              open(os.path.join(directory, "museval.json"), "w"))


def run_child(cmd):
    """Runs cmd, returns its wall seconds (process start to exit, loading included)."""
    t0 = time.time()
    subprocess.run(cmd, check=True)
    return time.time() - t0


def compare(a, b):
    worst, mismatched = 0.0, 0
    for key in ("SDR", "ISR", "SIR", "SAR"):
        for ra, rb in zip(a[key], b[key]):
            for va, vb in zip(ra, rb):
                if isinstance(va, str) or isinstance(vb, str):
                    mismatched += va != vb
                else:
                    worst = max(worst, abs(va - vb))
    return worst, mismatched


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--durations", default="60,300")
    ap.add_argument("--bin", default=".build/release/BSSEvalBenchmark")
    ap.add_argument("--museval")
    ap.add_argument("--skip-museval", action="store_true", help="time ours only")
    ap.add_argument("--repeats", type=int, default=3, help="runs of ours; the median is reported")
    args = ap.parse_args()
    if args.museval:
        museval_child(args.museval)
        return
    print("BSS Eval, 4 sources x stereo, 44.1 kHz, win = hop = 1 s, v4 images (museval.evaluate defaults)")
    print("%8s | %22s | %22s | %9s %9s | %s" % ("track", "museval 0.4.1", "BSSEval (Swift)",
                                                "speed-up", "mem ratio", "max |diff| dB"))
    for seconds in [float(s) for s in args.durations.split(",")]:
        with tempfile.TemporaryDirectory(prefix="bsseval-bench-") as d:
            refs, ests = synthesize(seconds)
            refs.astype("<f8").tofile(os.path.join(d, "refs.f64"))
            ests.astype("<f8").tofile(os.path.join(d, "ests.f64"))
            n = refs.shape[2]
            json.dump({"nsrc": NSRC, "nchan": NCHAN, "n": n}, open(os.path.join(d, "meta.json"), "w"))
            del refs, ests
            # Flush the freshly written inputs (1.7 GB for 5 min) before timing anything, so the
            # kernel's background writeback does not land in either tool's time.
            os.sync()
            ours_json = os.path.join(d, "ours.json")
            runs = []
            for _ in range(max(1, args.repeats)):
                wall = run_child([args.bin, os.path.join(d, "refs.f64"), os.path.join(d, "ests.f64"),
                                  str(NSRC), str(NCHAN), str(n), str(RATE), str(RATE), ours_json])
                runs.append((json.load(open(ours_json))["evaluate_seconds"], wall, open(ours_json).read()))
            runs.sort(key=lambda r: r[0])
            evals = [r[0] for r in runs]
            ours_eval, ours_wall, ours_text = runs[len(runs) // 2]
            open(ours_json, "w").write(ours_text)
            spread = "" if len(runs) == 1 else "  (ours %d runs: eval %.2f-%.2fs)" % (len(runs), evals[0], evals[-1])
            ours = json.load(open(ours_json))
            ours_mem = ours["peak_mb_after_evaluate"]
            if args.skip_museval:
                print("%7.0fs | %22s | %7.2fs (eval %5.2fs) %5.0f MB |" % (
                    seconds, "-", ours_wall, ours["evaluate_seconds"], ours_mem))
                continue
            py_wall = run_child([sys.executable, os.path.abspath(__file__), "--museval", d])
            theirs = json.load(open(os.path.join(d, "museval.json")))
            py_mem = theirs["peak_mb_after_evaluate"]
            worst, mismatched = compare(ours, theirs)
            print("%7.0fs | %7.1fs (eval %6.1fs) %5.0f MB | %7.2fs (eval %5.2fs) %5.0f MB | %8.1fx %9.2f | %.2e%s" % (
                seconds, py_wall, theirs["evaluate_seconds"], py_mem, ours_wall, ours["evaluate_seconds"], ours_mem,
                theirs["evaluate_seconds"] / ours["evaluate_seconds"], ours_mem / py_mem, worst,
                ("" if mismatched == 0 else "  (%d NaN/inf mismatches!)" % mismatched) + spread))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
