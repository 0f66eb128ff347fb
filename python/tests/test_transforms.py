"""pitch_shift and time_stretch give the samples `musdb stretch` writes (float WAV) for
the same input file."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

import museval_swift
from conftest import ROOT, require_sample


def musdb_binary() -> Path:
    path = Path(os.environ.get("MUSDB_BIN", ROOT / ".build" / "release" / "musdb"))
    if not path.exists():
        pytest.skip(f"{path} missing: build the musdb command first (make build)")
    return path


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """3 s of the sample track's vocals as a float WAV, and the samples as read back."""
    import soundfile as sf

    folder = require_sample()
    audio, rate = sf.read(str(folder / "vocals.wav"), start=2 * 44100, stop=5 * 44100, always_2d=True)
    path = tmp_path_factory.mktemp("stretch") / "in.wav"
    sf.write(str(path), audio, rate, subtype="FLOAT")
    read, _ = sf.read(str(path), always_2d=True, dtype="float64")
    return path, read.T.copy(), rate


@pytest.mark.parametrize("semitones, rate", [(2.0, 1.0), (-3.0, 1.1), (0.0, 0.8), (0.5, 1.3)])
def test_same_samples_as_musdb_stretch(clip, semitones, rate, tmp_path):
    import soundfile as sf

    path, audio, sample_rate = clip
    out = tmp_path / "out.wav"
    subprocess.run(
        [str(musdb_binary()), "stretch", str(path), "-o", str(out), f"--semitones={semitones}", f"--rate={rate}",
         "--format", "float"],
        check=True, capture_output=True,
    )
    expected, _ = sf.read(str(out), always_2d=True, dtype="float32")
    if semitones == 0:
        ours = museval_swift.time_stretch(audio, sample_rate, rate)
    else:
        ours = museval_swift.pitch_shift(audio, sample_rate, semitones, tempo=rate)
    assert ours.shape == expected.T.shape == (2, int(np.floor(audio.shape[1] / rate + 0.5)))
    assert ours.dtype == np.float64
    assert np.array_equal(ours.astype(np.float32), expected.T)


def test_shapes_and_dtypes():
    audio = np.random.default_rng(1).standard_normal((2, 22050)).astype(np.float32)
    assert np.array_equal(museval_swift.pitch_shift(audio, 44100, 0.0), audio)
    mono = museval_swift.time_stretch(audio[0], 44100, 2.0)
    assert mono.shape == (11025,) and mono.dtype == np.float32
    assert np.array_equal(museval_swift.time_stretch(audio[:1], 44100, 2.0)[0], mono)
    stereo = museval_swift.time_stretch(audio, 44100, 2.0)
    assert stereo.shape == (2, 11025)
    assert np.array_equal(museval_swift.time_stretch(np.asfortranarray(audio), 44100, 2.0), stereo)
