#!/usr/bin/env python3
"""Golden for the whole-track figures `museval` writes in its `.<track>.global`
sidecars: the global SDR of Demucs' `new_sdr` / the Music Demixing Challenge (per source,
10*log10((sum s^2 + 1e-7) / (sum (s - est)^2 + 1e-7)) over all samples and channels), written
here from that formula in numpy, float64, and the SI-SDR (alpha = <est, s> / |s|^2, channels
concatenated, 10*log10(|alpha s|^2 / |alpha s - est|^2)).

The track is the real MUSDB18 preview track in ../shared/data/musdb-sample/hq (train). The
estimates are fixed mixes of its stems that 32-bit float WAVs hold exactly (the test writes
them with the same weights):
  vocals = 0.5 mixture, drums = 0.75 drums + 0.25 bass,
  bass = bass + 0.5 other, other = 0.5 other + 0.25 vocals.

Writes Fixtures/museval/report/global_sdr.json: {"track", "weights", "targets": {target:
{"globalSDR", "siSDR"}}}, floats as Python reprs.
"""
import json
import os
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MUSDB_SHARED_DATA", ROOT.parent / "shared" / "data"))
TRACK = "Music Delta - 80s Rock"
OUT = ROOT / "Fixtures" / "museval" / "report" / "global_sdr.json"
# target -> [(stem, weight), ...]
WEIGHTS = {
    "vocals": [["mixture", 0.5]],
    "drums": [["drums", 0.75], ["bass", 0.25]],
    "bass": [["bass", 1.0], ["other", 0.5]],
    "other": [["other", 0.5], ["vocals", 0.25]],
}


def global_sdr(reference, estimate, eps=1e-7):
    """Demucs' nsdr: one ratio over the whole track, epsilon in numerator and denominator."""
    num = np.sum(np.square(reference)) + eps
    den = np.sum(np.square(reference - estimate)) + eps
    return float(10 * np.log10(num / den))


def si_sdr(reference, estimate):
    s = reference.reshape(-1)
    x = estimate.reshape(-1)
    alpha = np.dot(x, s) / np.dot(s, s)
    target = alpha * s
    return float(10 * np.log10(np.dot(target, target) / np.dot(target - x, target - x)))


def main():
    folder = SHARED / "musdb-sample" / "hq" / "train" / TRACK
    if not folder.is_dir():
        print(f"skipped: needs {folder}", file=sys.stderr)
        return
    stems = {name: sf.read(folder / f"{name}.wav", dtype="float64")[0]
             for name in ["mixture", "vocals", "drums", "bass", "other"]}
    result = {}
    for target, mix in WEIGHTS.items():
        estimate = sum(weight * stems[stem] for stem, weight in mix)
        # The test writes the estimates as float32 WAVs: they must survive that exactly.
        assert np.array_equal(estimate.astype(np.float32).astype(np.float64), estimate)
        result[target] = {"globalSDR": global_sdr(stems[target], estimate),
                          "siSDR": si_sdr(stems[target], estimate)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"track": TRACK, "weights": WEIGHTS, "targets": result}, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
