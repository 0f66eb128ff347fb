#!/usr/bin/env python3
"""Parity of `museval aggregate` with museval 0.4.1's MethodStore.

usage: Scripts/parity_aggregate.py OUT_DIR [OUT_DIR ...] [--bin .build/release/museval] [--tol 1e-5]

Each OUT_DIR is a method's results folder (OUT/test/<track>.json). museval reads them with
`MethodStore().add_eval_dir(OUT_DIR)` (only test/, method name = the folder's stem); our tool
reads the same files with `--subsets test` and the same names. For every combination of
frames/tracks aggregation (median, mean) every (method, target, metric) aggregate must agree
to --tol, and both sides must have the same keys. Prints a summary; exits 1 on any mismatch.
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
import museval  # noqa: E402


def python_aggregates(store, frames, tracks):
    store.frames_agg, store.tracks_agg = frames, tracks
    return {key: float(value) for key, value in store.agg_frames_tracks_scores().items()}


def swift_aggregates(binary, folders, names, frames, tracks):
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "leaderboard.json"
        command = [binary, "aggregate", *folders, "--subsets", "test", "--frames", frames, "--tracks", tracks,
                   "-o", str(output), "--quiet"]
        for name in names:
            command += ["--name", name]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0 or not output.exists():
            sys.exit(f"`{' '.join(command)}` failed ({run.returncode}):\n{run.stderr}")
        board = json.loads(output.read_text())
    result = {}
    for method in board["methods"]:
        for target, metrics in method["targets"].items():
            for metric, entry in metrics.items():
                value = entry["value"]
                result[(method["method"], target, metric)] = math.nan if value is None else float(value)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", metavar="OUT_DIR")
    parser.add_argument("--bin", default=str(Path(__file__).resolve().parents[1] / ".build/release/museval"))
    parser.add_argument("--tol", type=float, default=1e-5)
    args = parser.parse_args()

    store = museval.MethodStore()
    names = []
    for folder in args.folders:
        store.add_eval_dir(folder)
        names.append(Path(folder).stem)
    if store.df.empty:
        sys.exit("museval found no test/**/*.json in " + ", ".join(args.folders))

    failures = 0
    compared = 0
    for frames in ("median", "mean"):
        for tracks in ("median", "mean"):
            ours = swift_aggregates(args.bin, args.folders, names, frames, tracks)
            theirs = python_aggregates(store, frames, tracks)
            worst = 0.0
            for key in sorted(set(ours) | set(theirs)):
                if key not in ours or key not in theirs:
                    print(f"  {frames}/{tracks} {key}: only in {'museval' if key in theirs else 'ours'}")
                    failures += 1
                    continue
                a, b = ours[key], theirs[key]
                compared += 1
                if math.isnan(a) and math.isnan(b):
                    continue
                difference = abs(a - b) if not (math.isnan(a) or math.isnan(b)) else math.inf
                worst = max(worst, difference)
                if difference > args.tol:
                    print(f"  {frames}/{tracks} {key}: ours {a!r} museval {b!r} (|diff| {difference:.3g})")
                    failures += 1
            print(f"frames={frames:6} tracks={tracks:6}: {len(theirs)} aggregates, max |diff| {worst:.3g}")
    print(f"{compared} aggregates compared over {len(names)} methods; "
          + ("all within %g" % args.tol if failures == 0 else f"{failures} MISMATCHES"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
