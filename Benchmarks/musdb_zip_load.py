#!/usr/bin/env python3
"""Builds the inputs of musdb_zip_load.sh: the shared MUSDB18-HQ sample track tiled to
SECONDS seconds (every stem repeated end to end, 16-bit WAV, standard library only) in
OUT/hq, and OUT/hq-deflated.zip and OUT/hq-stored.zip of it (train/ at the top, as the
distributed musdb18hq.zip has it); and OUT/stems-{deflated,stored}.zip of the shared
.stem.mp4 root.

Usage: python3 Benchmarks/musdb_zip_load.py SHARED_SAMPLE OUT SECONDS
"""
import os
import sys
import wave
import zipfile


def tile(source, target, seconds):
    with wave.open(source, "rb") as reader:
        params = reader.getparams()
        frames = reader.readframes(params.nframes)
    wanted = int(seconds * params.framerate) * params.nchannels * params.sampwidth
    data = (frames * (wanted // len(frames) + 1))[:wanted]
    with wave.open(target, "wb") as writer:
        writer.setparams(params)
        writer.writeframes(data)


def archive(folder, target, method, only=""):
    with zipfile.ZipFile(target, "w", method) as out:
        for directory, _, files in sorted(os.walk(folder)):
            for name in sorted(files):
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, folder)
                if relative.startswith(only):
                    out.write(path, relative)


def main():
    sample, out, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    for subset in ("train",):
        for track in sorted(os.listdir(os.path.join(sample, "hq", subset))):
            source = os.path.join(sample, "hq", subset, track)
            target = os.path.join(out, "hq", subset, track)
            os.makedirs(target, exist_ok=True)
            for stem in sorted(os.listdir(source)):
                tile(os.path.join(source, stem), os.path.join(target, stem), seconds)
    archive(os.path.join(out, "hq"), os.path.join(out, "hq-deflated.zip"), zipfile.ZIP_DEFLATED)
    archive(os.path.join(out, "hq"), os.path.join(out, "hq-stored.zip"), zipfile.ZIP_STORED)
    archive(sample, os.path.join(out, "stems-deflated.zip"), zipfile.ZIP_DEFLATED, only="train" + os.sep)
    archive(sample, os.path.join(out, "stems-stored.zip"), zipfile.ZIP_STORED, only="train" + os.sep)


if __name__ == "__main__":
    main()
