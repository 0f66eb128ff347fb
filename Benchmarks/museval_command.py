#!/usr/bin/env python3
"""The `museval` commands a user runs, whole processes on WAV files, against what a Python
user runs on the same files, in one run: wall time, peak resident memory, the ratio.

  dir      `museval dir REF EST -o OUT` on one 4-stem stereo track per duration (16-bit
           references, float32 estimates) vs a Python process that reads the same WAVs with
           soundfile and calls museval.evaluate(refs, ests, win=44100, hop=44100). Ours runs
           at every --durations; Python at --python-durations (it takes ~2 s per track second).
  testset  `museval EST --root ROOT --is-wav --jobs J` on a simulated test set (`musdb sample`
           tracks, float32 estimates in museval's layout) with 4 targets, then 5 (the
           vocals/accompaniment run included), vs museval.eval_mus_track on --anchor-tracks
           of the same tracks (Python's rate per audio second is the anchor). Prints audio
           seconds scored per wall second and the MUSDB18 test set (12 420 s) extrapolated.

Peak memory is each process's own maximum resident set (GNU time's %M: `time` forks a small
process, so the figure is not the forking parent's). Scores are compared too (max |diff|
in dB over every frame, NaN patterns must agree), so a fast wrong answer shows.

Usage: museval_command.py dir [--durations 60,300,600] [--python-durations 60,300]
       museval_command.py testset [--tracks 8] [--seconds 240] [--jobs 1,2] [--anchor-tracks 1]
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsseval_speed import synthesize  # noqa: E402  (the same synthetic sources as the kernel benchmark)

RATE = 44100
TARGETS = ["vocals", "drums", "bass", "other"]
MUSDB18_TEST_SECONDS = 12420.0


def timed(cmd, log=None):
    """Runs cmd under GNU time; returns (wall seconds, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        out = open(log, "w") if log else subprocess.DEVNULL
        try:
            subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %M"] + cmd, check=True,
                           stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
        except subprocess.CalledProcessError:
            if log:
                sys.stderr.write(open(log).read()[-3000:])
            raise
        finally:
            if log:
                out.close()
        wall, kilobytes = report.read().split()[-2:]
        return float(wall), int(kilobytes) / 1024.0


def warm(*folders):
    """Reads every file under `folders` once, so each timed run starts with the audio in the
    page cache (the Python anchor, 7 GB at its peak, can evict it)."""
    for folder in folders:
        for base, _, names in os.walk(folder):
            for name in names:
                with open(os.path.join(base, name), "rb") as f:
                    while f.read(1 << 24):
                        pass


def compare(ours, theirs):
    """Largest |difference| over every frame of every target and metric, and the count of
    frames where one side is NaN/inf and the other is not (or a different one)."""
    worst, mismatched = 0.0, 0
    for target, metrics in theirs.items():
        for metric, values in metrics.items():
            mine = ours[target][metric]
            if len(mine) != len(values):
                return float("inf"), -1
            for a, b in zip(mine, values):
                if math.isfinite(a) and math.isfinite(b):
                    worst = max(worst, abs(a - b))
                elif not (a == b or (math.isnan(a) and math.isnan(b))):
                    mismatched += 1
    return worst, mismatched


def frames_of(track_json):
    """{target: {metric: [frame values]}} from a museval per-track JSON."""
    data = json.load(open(track_json))
    return {t["name"]: {m: [f["metrics"][m] if f["metrics"][m] is not None else float("nan") for f in t["frames"]]
                        for m in ("SDR", "SIR", "ISR", "SAR")} for t in data["targets"]}


def museval_module():
    if not hasattr(np.linalg, "linalg"):
        np.linalg.linalg = np.linalg  # museval 0.4.1 names np.linalg.linalg.LinAlgError (gone in numpy 2)
    import museval
    return museval


# --- dir ---------------------------------------------------------------------------------

def python_dir_child(ref_dir, est_dir, out_json):
    """What a Python user runs: read the WAVs, museval.evaluate, keep the frames."""
    import soundfile
    museval = museval_module()
    refs = np.stack([soundfile.read(os.path.join(ref_dir, t + ".wav"), always_2d=True)[0] for t in TARGETS])
    ests = np.stack([soundfile.read(os.path.join(est_dir, t + ".wav"), always_2d=True)[0] for t in TARGETS])
    sdr, isr, sir, sar = museval.evaluate(refs, ests, win=RATE, hop=RATE)
    scores = {t: {"SDR": list(map(float, sdr[j])), "SIR": list(map(float, sir[j])), "ISR": list(map(float, isr[j])),
                  "SAR": list(map(float, sar[j]))} for j, t in enumerate(TARGETS)}
    json.dump(scores, open(out_json, "w"))


def write_track(folder, sources, subtype):
    import soundfile
    os.makedirs(folder, exist_ok=True)
    for target, source in zip(TARGETS, sources):
        soundfile.write(os.path.join(folder, target + ".wav"), source.T, RATE, subtype=subtype)


def bench_dir(args):
    durations = [float(s) for s in args.durations.split(",")]
    anchored = {float(s) for s in args.python_durations.split(",") if s}
    print("museval dir REF EST -o OUT (whole process, WAV files: 4 sources, stereo, 44.1 kHz, "
          "16-bit references, float32 estimates; win = hop = 1 s, v4)")
    print("vs Python: soundfile.read + museval.evaluate(win=44100, hop=44100), whole process")
    print("%8s | %20s | %20s | %8s | %s" % ("track", "Python museval 0.4.1", "museval (ours)", "speed-up",
                                            "max |diff| dB"))
    for seconds in durations:
        with tempfile.TemporaryDirectory(prefix="museval-dir-bench-") as d:
            refs, ests = synthesize(seconds)
            refs = np.clip(refs, -1, 1 - 1 / 32768)
            write_track(os.path.join(d, "ref"), refs, "PCM_16")
            write_track(os.path.join(d, "est"), ests.astype(np.float32), "FLOAT")
            del refs, ests
            os.sync()
            runs = []
            for _ in range(max(1, args.repeats)):
                shutil.rmtree(os.path.join(d, "out"), ignore_errors=True)
                warm(os.path.join(d, "ref"), os.path.join(d, "est"))
                runs.append(timed([args.bin, "dir", os.path.join(d, "ref"), os.path.join(d, "est"),
                                   "-o", os.path.join(d, "out")], log=os.path.join(d, "ours.log")))
            runs.sort()
            ours_wall, ours_mb = runs[len(runs) // 2]
            spread = "" if len(runs) == 1 else "  (%d runs: %.2f-%.2f s)" % (len(runs), runs[0][0], runs[-1][0])
            ours = frames_of(os.path.join(d, "out", "ref.json"))
            if seconds in anchored:
                py_wall, py_mb = timed([sys.executable, os.path.abspath(__file__), "python-dir",
                                        os.path.join(d, "ref"), os.path.join(d, "est"), os.path.join(d, "py.json")])
                worst, mismatched = compare(ours, json.load(open(os.path.join(d, "py.json"))))
                print("%7.0fs | %8.2f s %7.0f MB | %8.2f s %7.0f MB | %7.1fx | %.2g (%d NaN mismatches)%s" % (
                    seconds, py_wall, py_mb, ours_wall, ours_mb, py_wall / ours_wall, worst, mismatched, spread))
            else:
                print("%7.0fs | %20s | %8.2f s %7.0f MB | %8s |%s" % (seconds, "-", ours_wall, ours_mb, "-", spread))
            sys.stdout.flush()


# --- testset -----------------------------------------------------------------------------

def estimates_for(track_dir, out_dir, with_accompaniment, seed):
    """Leaky mixes of the stems plus noise, as float32 WAVs: a plausible separator output."""
    import soundfile
    rng = np.random.default_rng(seed)
    stems = {t: soundfile.read(os.path.join(track_dir, t + ".wav"), always_2d=True)[0] for t in TARGETS}
    os.makedirs(out_dir, exist_ok=True)
    estimates = {}
    for t in TARGETS:
        leak = sum(stems[o] for o in TARGETS if o != t)
        estimates[t] = 0.85 * stems[t] + 0.08 * leak + 0.003 * rng.standard_normal(stems[t].shape)
    if with_accompaniment:
        estimates["accompaniment"] = sum(estimates[t] for t in TARGETS if t != "vocals")
    for t, audio in estimates.items():
        soundfile.write(os.path.join(out_dir, t + ".wav"), audio.astype(np.float32), RATE, subtype="FLOAT")


def python_testset_child(root, est_dir, out_dir, count):
    """museval.eval_mus_track on the first `count` test tracks, estimates read with soundfile."""
    import musdb
    import soundfile
    museval = museval_module()
    database = musdb.DB(root=root, is_wav=True, subsets="test")
    for track in database.tracks[:count]:
        folder = os.path.join(est_dir, "test", track.name)
        estimates = {name[:-4]: soundfile.read(os.path.join(folder, name), always_2d=True)[0]
                     for name in sorted(os.listdir(folder))}
        museval.eval_mus_track(track, estimates, output_dir=out_dir)


def bench_testset(args):
    with tempfile.TemporaryDirectory(prefix="museval-testset-bench-") as d:
        root = os.path.join(d, "root")
        subprocess.run([args.musdb, "sample", root, "--tracks", "0", "--test-tracks", str(args.tracks),
                        "--seconds", str(args.seconds)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        names = sorted(os.listdir(os.path.join(root, "test")))
        audio_seconds = args.tracks * args.seconds
        print("museval EST --root ROOT --is-wav --jobs J (whole process; %d tracks x %.0f s, stereo 44.1 kHz, "
              "16-bit references, float32 estimates; win = hop = 1 s, v4)" % (args.tracks, args.seconds))
        print("vs Python: museval.eval_mus_track on %d of the tracks (soundfile-read estimates), whole process"
              % args.anchor_tracks)
        print("%8s %5s | %26s | %26s | %8s | %s" % ("targets", "jobs", "Python (anchor)", "museval (ours)", "speed-up",
                                                    "MUSDB18 test set (12 420 s)"))
        for target_count in [int(s) for s in args.targets.split(",")]:
            est = os.path.join(d, "est%d" % target_count)
            for i, name in enumerate(names):
                estimates_for(os.path.join(root, "test", name), os.path.join(est, "test", name), target_count == 5, i)
            os.sync()
            py_rate = py_mb = float("nan")
            if args.anchor_tracks > 0:
                py_out = os.path.join(d, "py%d" % target_count)
                py_wall, py_mb = timed([sys.executable, os.path.abspath(__file__), "python-testset", root, est, py_out,
                                        str(args.anchor_tracks)])
                py_rate = args.anchor_tracks * args.seconds / py_wall
            for jobs in [int(s) for s in args.jobs.split(",")]:
                out = os.path.join(d, "out%d-%d" % (target_count, jobs))
                warm(root, est)
                wall, mb = timed([args.bin, est, "--root", root, "--is-wav", "-o", out, "--jobs", str(jobs)],
                                 log=os.path.join(d, "ours.log"))
                rate = audio_seconds / wall
                worst = float("nan")
                if args.anchor_tracks > 0:
                    worst = 0.0
                    for name in names[:args.anchor_tracks]:
                        w, _ = compare(frames_of(os.path.join(out, "test", name + ".json")),
                                       frames_of(os.path.join(py_out, "test", name + ".json")))
                        worst = max(worst, w)
                print("%8d %5d | %6.2f audio s/s %7.0f MB | %6.1f audio s/s %7.0f MB | %7.1fx | %6.1f s (max |diff| %.2g dB)"
                      % (target_count, jobs, py_rate, py_mb, rate, mb, rate / py_rate, MUSDB18_TEST_SECONDS / rate,
                         worst))
                sys.stdout.flush()


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "python-dir":
        python_dir_child(*sys.argv[2:5])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "python-testset":
        python_testset_child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("dir")
    a.add_argument("--durations", default="60,300,600")
    a.add_argument("--python-durations", default="60,300")
    a.add_argument("--repeats", type=int, default=3, help="runs of ours; the median is reported")
    b = sub.add_parser("testset")
    b.add_argument("--tracks", type=int, default=8)
    b.add_argument("--seconds", type=float, default=240)
    b.add_argument("--jobs", default="1,2")
    b.add_argument("--targets", default="4,5")
    b.add_argument("--anchor-tracks", type=int, default=1)
    for p in (a, b):
        p.add_argument("--bin", default=".build/release/museval")
        p.add_argument("--musdb", default=".build/release/musdb")
    args = ap.parse_args()
    (bench_dir if args.mode == "dir" else bench_testset)(args)


if __name__ == "__main__":
    main()
