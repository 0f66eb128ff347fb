#!/usr/bin/env python3
"""Goldens for the MUSDB parity tests: what Python musdb 0.4.3 returns on
  - the shared MUSDB18 sample as a stems root (../shared/data/musdb-sample),
  - the same as an HQ root (../shared/data/musdb-sample/hq, is_wav=True),
  - our synthetic sample (`.build/release/musdb sample` into a temp dir, is_wav=True).
Writes Fixtures/musdb/parity.json: track lists per subsets/split, per-track metadata and,
per loaded array (mixture, each target, a few chunks), its shape, sum, sum of squares, a few
sample values and the SHA-256 of round(x * 32768) as little-endian int32.
For the synthetic sample it also records the SHA-256 of every file our generator wrote.

Usage: python3 Scripts/goldens/musdb_parity.py   (after `swift build -c release`)
"""
import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import musdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("MUSDB_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "Fixtures", "musdb", "parity.json")
MUSDB_BIN = os.path.join(ROOT, ".build", "release", "musdb")
CHUNKS = [(0.3, 1.5), (1.0 / 3.0, 2.0 / 3.0), (2.5, None), (5.0, 3.0)]


def digest(array):
    array = np.asarray(array, dtype=np.float64)
    codes = np.round(array * 32768).astype("<i4")
    flat = array.reshape(-1)
    picks = sorted({0, 1, 1000, flat.size // 2, flat.size - 1}) if flat.size else []
    return {
        "shape": list(array.shape),
        "sum": float(array.sum()),
        "sumOfSquares": float((array * array).sum()),
        "samples": {str(i): float(flat[i]) for i in picks if i < flat.size},
        "sha256": hashlib.sha256(codes.tobytes()).hexdigest(),
    }


def describe_root(key, root, is_wav, chunk_tracks=1):
    listings = {}
    for label, kwargs in [("all", {}), ("train", {"subsets": "train"}), ("test", {"subsets": "test"}),
                          ("train-train", {"subsets": "train", "split": "train"}),
                          ("train-valid", {"subsets": "train", "split": "valid"})]:
        db = musdb.DB(root=root, is_wav=is_wav, **kwargs)
        listings[label] = [t.name for t in db.tracks]
    db = musdb.DB(root=root, is_wav=is_wav)
    tracks = []
    for index, track in enumerate(db.tracks):
        entry = {
            "name": track.name, "artist": track.artist, "title": track.title, "subset": track.subset,
            "rate": int(track.rate), "samples": int(track.samples), "duration": float(track.duration),
            "mixture": digest(track.audio),
            "targets": {name: digest(target.audio) for name, target in track.targets.items()},
        }
        if index < chunk_tracks:
            chunks = []
            for start, duration in CHUNKS:
                track.chunk_start = start
                track.chunk_duration = duration
                chunks.append({"start": start, "duration": duration, "mixture": digest(track.audio),
                               "vocals": digest(track.targets["vocals"].audio)})
            track.chunk_start, track.chunk_duration = 0, None
            entry["chunks"] = chunks
        tracks.append(entry)
        print(f"  {key}: {track.name}", file=sys.stderr)
    return {"isWav": is_wav, "listings": listings, "tracks": tracks}


def main():
    ffmpeg = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    result = {"musdb": importlib.metadata.version("musdb"), "ffmpeg": ffmpeg, "roots": {}}
    result["roots"]["shared-stems"] = describe_root("shared-stems", os.path.join(SHARED, "musdb-sample"), False)
    result["roots"]["shared-hq"] = describe_root("shared-hq", os.path.join(SHARED, "musdb-sample", "hq"), True)
    if not os.path.exists(MUSDB_BIN):
        sys.exit(f"{MUSDB_BIN} is missing: run `swift build -c release` first")
    with tempfile.TemporaryDirectory() as tmp:
        sample = os.path.join(tmp, "sample")
        subprocess.run([MUSDB_BIN, "sample", sample], check=True, stdout=subprocess.DEVNULL)
        synthetic = describe_root("synthetic", sample, True, chunk_tracks=2)
        files = {}
        for dirpath, _, filenames in os.walk(sample):
            for filename in filenames:
                path = os.path.join(dirpath, filename)
                with open(path, "rb") as f:
                    files[os.path.relpath(path, sample)] = hashlib.sha256(f.read()).hexdigest()
        synthetic["fileSHA256"] = dict(sorted(files.items()))
        synthetic["command"] = "musdb sample OUT"
        result["roots"]["synthetic"] = synthetic
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
