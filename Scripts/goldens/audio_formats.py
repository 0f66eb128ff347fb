#!/usr/bin/env python3
"""Small audio fixtures written by Python soundfile, and what soundfile reads back.

Fixtures/audio/codes-<format>.<ext>: 1,000 stereo frames at 44.1 kHz of known integer
codes (a pseudo-random walk that also hits the extremes -32768 and 32767), written as
PCM_16 WAV, PCM_24 WAV, FLOAT WAV, PCM_16 FLAC, and PCM_16 AIFF, W64 and RF64. Fixtures/audio/formats.json holds, per
file, soundfile.read(dtype='float64') summarised: shape, sum, sum of squares, the first 8
values and the SHA-256 of the float64 array's little-endian bytes, so the Swift reader can
be held to soundfile bit for bit.

Usage: python3 Scripts/goldens/audio_formats.py
"""
import hashlib
import json
import os

import numpy as np
import soundfile as sf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "audio")
FRAMES = 1000


def codes():
    """int codes, frame-major stereo: ((i * 7919 + c * 104729) mod 65536) - 32768, extremes at frames 0..1."""
    i = np.arange(FRAMES)[:, None]
    c = np.arange(2)[None, :]
    k = (i * 7919 + c * 104729) % 65536 - 32768
    k[0, :] = [-32768, 32767]
    k[1, :] = [0, -1]
    return k.astype(np.int64)


def main():
    os.makedirs(OUT, exist_ok=True)
    k = codes()
    files = {
        "codes-pcm16.wav": ("WAV", "PCM_16", k.astype(np.int16)),
        "codes-pcm24.wav": ("WAV", "PCM_24", (k * 256 + 77).astype(np.int32) * 256),
        "codes-float.wav": ("WAV", "FLOAT", (k / 32768.0).astype(np.float32)),
        "codes-pcm16.flac": ("FLAC", "PCM_16", k.astype(np.int16)),
        # The containers whose header sizes libsndfile checks in other ways than WAV's
        # (the reader's test of files cut short cuts these too).
        "codes-pcm16.aiff": ("AIFF", "PCM_16", k.astype(np.int16)),
        "codes-pcm16.w64": ("W64", "PCM_16", k.astype(np.int16)),
        "codes-pcm16.rf64": ("RF64", "PCM_16", k.astype(np.int16)),
    }
    golden = {"frames": FRAMES, "formula": "((i*7919 + c*104729) mod 65536) - 32768; frame0 = [-32768, 32767]; frame1 = [0, -1]",
              "files": {}}
    for name, (fmt, subtype, data) in files.items():
        path = os.path.join(OUT, name)
        sf.write(path, data, 44100, format=fmt, subtype=subtype)
        read, rate = sf.read(path, dtype="float64")
        golden["files"][name] = {
            "subtype": subtype, "rate": rate, "shape": list(read.shape),
            "sum": float(read.sum()), "sumOfSquares": float((read * read).sum()),
            "first": [float(x) for x in read.reshape(-1)[:8]],
            "sha256Float64": hashlib.sha256(read.astype("<f8").tobytes()).hexdigest(),
        }
    with open(os.path.join(OUT, "formats.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote Fixtures/audio/*")


if __name__ == "__main__":
    main()
