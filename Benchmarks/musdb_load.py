#!/usr/bin/env python3
"""Times Python musdb 0.4.3 listing and fully loading a root (mixture + every target of
every track), the same work as `musdb load`. Prints one line: seconds, tracks.

Usage: python3 Benchmarks/musdb_load.py ROOT [--is-wav]
"""
import sys
import time

import musdb


def main():
    root = sys.argv[1]
    is_wav = "--is-wav" in sys.argv[2:]
    started = time.perf_counter()
    db = musdb.DB(root=root, is_wav=is_wav)
    total = 0.0
    for track in db:
        mixture = track.audio
        for target in track.targets.values():
            total += float(target.audio.sum())
        total += float(mixture.sum())
    print(f"{time.perf_counter() - started:.3f} {len(db)}")


if __name__ == "__main__":
    main()
