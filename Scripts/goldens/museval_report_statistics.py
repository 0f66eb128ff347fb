#!/usr/bin/env python3
"""Goldens for `museval report`'s statistics, made by the Python anchors on SiSEC 2018:

- per method, target and track the median SDR over the frames (museval 0.4.1's MethodStore
  frame step, NaN frames skipped): the data every figure of the report is drawn from;
- per target, `scikit_posthocs.posthoc_conover(df, val_col="score", group_col="method")`
  with its defaults (no p-value adjustment, groups sorted by name) on those medians, as
  sigsep-mus-2018-analysis ran it;
- per target and method, `matplotlib.cbook.boxplot_stats` (whis=1.5) of those medians.

The methods are nine SiSEC 2018 submissions with all four targets. Three of them (IRM2,
MIX, TAK1) are in ../shared/data/sisec18; the others are read from a checkout of the
sigsep-mus-2018 repository given as SISEC18_SUBMISSIONS (its submissions/ folder); the
golden stores the per-track medians, so the test needs neither.

Writes Fixtures/museval/report/statistics.json:
  {"methods": [...], "targets": [...], "tracks": [...],
   "medians": {target: {method: [per-track median SDR in track order, null for NaN]}},
   "conover": {target: {"groups": [...], "p": [[...]]}},
   "boxplot": {target: {method: {mean, med, q1, q3, iqr, whislo, whishi, cilo, cihi, fliers}}}}
"""
import json
import math
import os
import sys
from pathlib import Path

import matplotlib.cbook as cbook
import museval
import numpy as np
import pandas as pd
import scikit_posthocs as sp

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MUSDB_SHARED_DATA", ROOT.parent / "shared" / "data"))
SUBMISSIONS = os.environ.get("SISEC18_SUBMISSIONS")
METHODS = ["IRM2", "JY3", "MIX", "RGT1", "TAK1", "TAK2", "TAU1", "UHL2", "UHL3"]
TARGETS = ["vocals", "drums", "bass", "other"]
OUT = ROOT / "Fixtures" / "museval" / "report" / "statistics.json"


def folder(method):
    shared = SHARED / "sisec18" / method
    if shared.is_dir():
        return shared
    if SUBMISSIONS and (Path(SUBMISSIONS) / method).is_dir():
        return Path(SUBMISSIONS) / method
    return None


def number(x):
    x = float(x)
    return None if math.isnan(x) else x


def main():
    folders = {m: folder(m) for m in METHODS}
    missing = [m for m, f in folders.items() if f is None]
    if missing:
        print(f"skipped: needs {', '.join(missing)} (set SISEC18_SUBMISSIONS to sigsep-mus-2018/submissions)",
              file=sys.stderr)
        return
    store = museval.MethodStore()
    for method in METHODS:
        store.add_eval_dir(folders[method])
    df = store.df
    df = df[(df.metric == "SDR") & (df.target.isin(TARGETS))]
    per_track = df.groupby(["method", "target", "track"])["score"].median().reset_index()
    tracks = sorted(per_track.track.unique())
    golden = {"methods": METHODS, "targets": TARGETS, "tracks": tracks,
              "medians": {}, "conover": {}, "boxplot": {}}
    for target in TARGETS:
        rows = per_track[per_track.target == target]
        golden["medians"][target] = {}
        golden["boxplot"][target] = {}
        for method in METHODS:
            series = rows[rows.method == method].set_index("track")["score"].reindex(tracks)
            golden["medians"][target][method] = [number(v) for v in series.to_numpy()]
            values = series.dropna().to_numpy()
            stats = cbook.boxplot_stats(values, whis=1.5)[0]
            golden["boxplot"][target][method] = {
                key: ([float(v) for v in stats[key]] if key == "fliers" else float(stats[key]))
                for key in ["mean", "med", "q1", "q3", "iqr", "whislo", "whishi", "cilo", "cihi", "fliers"]}
        p = sp.posthoc_conover(rows.rename(columns={"score": "score"}), val_col="score", group_col="method")
        golden["conover"][target] = {"groups": [str(g) for g in p.index],
                                     "p": [[float(v) for v in row] for row in p.to_numpy()]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
