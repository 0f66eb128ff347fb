#!/usr/bin/env python3
"""Goldens for `museval aggregate`: museval 0.4.1's MethodStore aggregates of the SiSEC 2018
score folders (../shared/data/sisec18/<METHOD>/test/*.json), for every combination of
frames/tracks aggregation (median, mean).

Writes Fixtures/museval/aggregate/methodstore_aggregates.json:
  {"<frames>-<tracks>": {"<method>": {"<target>": {"<metric>": value or null}}}}
values as Python floats (repr, round-trip exact), NaN as null.
"""
import json
import math
import os
import sys
from pathlib import Path

import museval

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MUSDB_SHARED_DATA", ROOT.parent / "shared" / "data"))
METHODS = ["HPSS", "IRM2", "MIX", "TAK1"]
OUT = ROOT / "Fixtures" / "museval" / "aggregate" / "methodstore_aggregates.json"


def aggregates(frames_agg, tracks_agg):
    """museval's documented way: add_eval_dir per method, then agg_frames_tracks_scores()."""
    store = museval.MethodStore(frames_agg=frames_agg, tracks_agg=tracks_agg)
    for method in METHODS:
        store.add_eval_dir(SHARED / "sisec18" / method)
    table = store.agg_frames_tracks_scores()
    result = {}
    for (method, target, metric), value in table.items():
        value = float(value)
        result.setdefault(method, {}).setdefault(target, {})[metric] = None if math.isnan(value) else value
    return result


def main():
    if not (SHARED / "sisec18").is_dir():
        # Keep `make goldens` going for the other scripts; the committed golden stays as is.
        print(f"skipped: needs {SHARED / 'sisec18'} (the SiSEC 2018 score folders)", file=sys.stderr)
        return
    golden = {
        f"{f}-{t}": aggregates(f, t)
        for f in ("median", "mean")
        for t in ("median", "mean")
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
