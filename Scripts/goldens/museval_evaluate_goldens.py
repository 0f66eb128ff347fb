#!/usr/bin/env python3
"""Goldens for `museval` (evaluate) and `museval dir`, computed by Python museval 0.4.1.

Case: the shared MUSDB18-HQ sample track (../shared/data/musdb-sample/hq/train/
"Music Delta - 80s Rock", 6.8 s) with "leaky" estimates that the Swift tests rebuild bit for
bit: estimate(t) = floor((0.9 * target(t) + 0.1 * linear_mixture) * 256 + 0.5) / 256,
computed in float64 in that order. The interference makes SIR finite and the 8-bit
quantisation is a true artifact, so SAR stays moderate (an exact linear mix of the references
would give SAR near 150 dB, set only by rounding noise). Every value k/256 is exact in
float32, so the Swift test writes the estimates as 32-bit float WAV and reads them back exactly.

- eval_mus_track.json: museval.eval_mus_track on vocals, drums, bass, other and
  accompaniment (so the vocals/accompaniment rule is exercised), win = hop = 1 s. The vocals
  estimate is digital silence over samples [44100, 88200), so frame 1 is NaN for every
  target of both runs (museval's silent-frame rule).
- eval_dir.json: museval.eval_dir on a folder of the four source references and a folder of
  the four estimates (all float32 WAV), win = 2 s, hop = 1.5 s. museval names the targets
  with their extension ("vocals.wav") and pairs files by listing order; the script checks
  that both listings are in the same order, so the golden pairs are right.

Output: Fixtures/museval/evaluate/*.json (museval's own JSON text).
"""
import glob
import json
import os
import tempfile

import numpy as np

if not hasattr(np.linalg, "linalg"):
    np.linalg.linalg = np.linalg  # museval 0.4.1 catches np.linalg.linalg.LinAlgError (numpy < 2)

import musdb
import museval
import soundfile as sf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "museval", "evaluate")
SHARED = os.environ.get("MUSDB_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))
HQ = os.path.join(SHARED, "musdb-sample", "hq")
TARGETS = ["vocals", "drums", "bass", "other", "accompaniment"]


def leaky(track, target):
    mixture = track.targets["linear_mixture"].audio
    estimate = 0.9 * track.targets[target].audio + 0.1 * mixture
    return np.floor(estimate * 256 + 0.5) / 256


def main():
    os.makedirs(OUT, exist_ok=True)
    mus = musdb.DB(root=HQ, is_wav=True, subsets="train")
    track = mus.tracks[0]
    estimates = {target: leaky(track, target) for target in TARGETS}
    silent_vocals = estimates["vocals"].copy()
    silent_vocals[44100:88200] = 0

    store = museval.eval_mus_track(track, dict(estimates, vocals=silent_vocals))
    with open(os.path.join(OUT, "eval_mus_track.json"), "w") as f:
        f.write(store.json)
    print("eval_mus_track:", [t["name"] for t in store.scores["targets"]])

    with tempfile.TemporaryDirectory() as temp:
        references = os.path.join(temp, "references")
        separated = os.path.join(temp, "estimates")
        os.makedirs(references)
        os.makedirs(separated)
        for target in ["vocals", "drums", "bass", "other"]:
            sf.write(os.path.join(references, target + ".wav"),
                     track.targets[target].audio.astype(np.float32), track.rate, subtype="FLOAT")
            sf.write(os.path.join(separated, target + ".wav"),
                     estimates[target].astype(np.float32), track.rate, subtype="FLOAT")
        ref_order = [os.path.basename(p) for p in glob.glob(os.path.join(references, "*.wav"))]
        est_order = [os.path.basename(p) for p in glob.glob(os.path.join(separated, "*.wav"))]
        assert ref_order == est_order, (ref_order, est_order)
        store = museval.eval_dir(references, separated, win=2.0, hop=1.5)
        with open(os.path.join(OUT, "eval_dir.json"), "w") as f:
            f.write(store.json)
        print("eval_dir:", [t["name"] for t in store.scores["targets"]])


if __name__ == "__main__":
    main()
