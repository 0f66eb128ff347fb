#!/usr/bin/env python3
"""Writes Manifests/moisesdb-split.json: the default seeded split of the MoisesDB tracks.

The track ids are those of the `moisesdb` package's published benchmark files
(github.com/moises-ai/moises-db, benchmark/*.csv, column `track_id`). Each id is placed as
`SeededSplit.place(of:)` places it: SplitMix64 seeded with the seed and the id's 64-bit
FNV-1a hash, stream 0, one uniform draw u in [0, 1): test if u < 0.2, valid if u < 0.3, else
train. This is a second, independent implementation of that rule; the Swift test
`testSeededSplitIsStablePerTrackAndTheStoredMoisesDBSplitIsReproduced` checks the file
against the Swift one.

Usage: make_moisesdb_split.py BENCHMARK.csv [OUT]
"""
import csv
import json
import sys

MASK = (1 << 64) - 1
INCREMENT = 0x9E3779B97F4A7C15
SEED, TEST, VALID = 2024, 0.2, 0.1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def fnv1a(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return h


def uniform(seed, stream):
    state = mix(mix((seed + INCREMENT) & MASK) ^ ((stream * 0xD1B54A32D192ED03) & MASK))
    state = (state + INCREMENT) & MASK
    return (mix(state) >> 11) * 2.0**-53


def place(name):
    u = uniform(SEED ^ fnv1a(name), 0)
    return "test" if u < TEST else "valid" if u < TEST + VALID else "train"


def main():
    with open(sys.argv[1], newline="") as f:
        ids = sorted({row["track_id"] for row in csv.DictReader(f)})
    doc = {"seed": SEED, "test": TEST, "tracks": {i: place(i) for i in ids}, "valid": VALID}
    # Swift's JSONEncoder (.prettyPrinted, .sortedKeys) spacing, so either writer gives the same bytes.
    text = json.dumps(doc, indent=2, sort_keys=True, separators=(",", " : ")) + "\n"
    out = sys.argv[2] if len(sys.argv) > 2 else "Manifests/moisesdb-split.json"
    with open(out, "w") as f:
        f.write(text)
    counts = {p: sum(v == p for v in doc["tracks"].values()) for p in ("train", "valid", "test")}
    print(f"{len(ids)} tracks: {counts}")


if __name__ == "__main__":
    main()
