#!/usr/bin/env python3
"""Goldens for the per-track JSON writer: what museval 0.4.1's TrackStore writes for a few
constructed score arrays (NaN, +inf, -inf, -0.0, exact and near half-even ties, tiny and large
values, non-integer hops, a quoted non-ASCII target name, empty tracks and targets).

Writes Fixtures/museval/aggregate/trackstore/<case>.json (TrackStore.json, byte for byte) and
Fixtures/museval/aggregate/trackstore/inputs.json: per case the window, hop and the targets'
metric arrays (Python json: NaN, Infinity, -Infinity as bare tokens; floats round-trip exactly).
"""
import json
import random
from pathlib import Path

import museval
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Fixtures" / "museval" / "aggregate" / "trackstore"
METRICS = ["SDR", "SIR", "SAR", "ISR"]


def edge_values():
    return [
        1.0, float("nan"), float("inf"), float("-inf"), -0.0, 0.0,
        0.015625, -0.015625, 0.046875,      # exact binary ties at the 6th decimal: half-even
        1.234565, 2.675, -2.675, 0.000015,  # near ties: the binary value decides
        2.5e-6, 5e-6, 7.5e-6, 1e-7, -1e-7, -4e-6, -6e-6,
        123456.123456789, -98765.432109876, 1e10 + 0.123455, 3.0, -21.88187,
    ]


def random_values(rng, count):
    values = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.5:
            values.append(rng.uniform(-40, 40))
        elif kind < 0.9:  # six decimals ending in 5: near ties for the 5-decimal rounding
            values.append(round(rng.uniform(-40, 40), 5) + rng.choice([-5e-6, 5e-6]))
        else:
            values.append(rng.choice([float("nan"), float("inf"), float("-inf")]))
    return values


def make_cases():
    rng = random.Random(20181)
    edges = edge_values()
    cases = {}
    cases["edges"] = dict(win=1.0, hop=1.0, targets=[
        ("vocals", {m: edges[i:] + edges[:i] for i, m in enumerate(METRICS)}),
        ("accompaniment", {m: list(reversed(edges)) for m in METRICS}),
    ])
    n = 40
    cases["random"] = dict(win=1.0, hop=1.0, targets=[
        (name, {m: random_values(rng, n) for m in METRICS})
        for name in ["vocals", "drums", "bass", "other"]
    ])
    cases["hop"] = dict(win=1.5, hop=0.1, targets=[
        ("voc\"als \u00e9\U0001F3B5", {m: random_values(rng, 25) for m in METRICS}),
    ])
    cases["long_hop"] = dict(win=2.0, hop=1e-5 * 3, targets=[
        ("other", {m: random_values(rng, 4) for m in METRICS}),
    ])
    cases["empty_target"] = dict(win=1.0, hop=1.0, targets=[("bass", {m: [] for m in METRICS})])
    cases["no_targets"] = dict(win=1.0, hop=1.0, targets=[])
    return cases


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    inputs = {}
    for name, case in make_cases().items():
        store = museval.TrackStore(track_name=name, win=case["win"], hop=case["hop"])
        for target, values in case["targets"]:
            store.add_target(target, {m: np.asarray(values[m], dtype=np.float64) for m in METRICS})
        store.save(OUT / f"{name}.json")
        inputs[name] = {
            "window": case["win"], "hop": case["hop"],
            "targets": [{"name": t, **{m: v[m] for m in METRICS}} for t, v in case["targets"]],
        }
    (OUT / "inputs.json").write_text(json.dumps(inputs, indent=1) + "\n")
    print(f"wrote {len(inputs)} cases to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
