#!/usr/bin/env python3
"""Goldens for the Oracle module, made by sigsep-mus-oracle's own scripts.

The oracle scripts (IRM.py, IBM.py, MWF.py) are read at run time from the git mirror of
https://github.com/sigsep/sigsep-mus-oracle, copied to a temporary folder and patched
there for current numpy (``np.float`` was removed in numpy 1.24); their code is never
committed here. They run on the one-track MUSDB sample (HQ WAVs, subset train) and we
keep compact fingerprints of their estimates, not the audio:

- Fixtures/oracle/<method>.json: per target and channel the sample count, sum, sum of
  squares, largest magnitude and the values at fixed sample indices; plus museval's
  per-frame scores of those estimates (eval_mus_track, v4, 1 s windows).
  Methods: irm1, irm2, ibm1, ibm2, mwf; mwf_double (diagnostic: the Wiener gain in
  complex128); irm2_256 ... irm2_4096 (IRM.py with another nfft: the multi-resolution
  oracle's resolutions besides 2048).
- Fixtures/oracle/scipy_stft.json: scipy.signal.stft / istft of short synthetic signals,
  to test our scipy-convention STFT on its own.

Run from anywhere: ``python3 Scripts/goldens/oracle_goldens.py`` (``make goldens``).
Environment: MUSDB_SHARED_DATA (default ../shared/data beside the package),
ORACLE_MIRROR (default /work/.mirror/sigsep+sigsep-mus-oracle/repo).
"""

import importlib
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import scipy.signal

PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get(
    "MUSDB_SHARED_DATA", os.path.join(os.path.dirname(PACKAGE), "shared", "data"))
MIRROR = os.environ.get("ORACLE_MIRROR", "/work/.mirror/sigsep+sigsep-mus-oracle/repo")
OUT = os.path.join(PACKAGE, "Fixtures", "oracle")
TARGETS = ["vocals", "drums", "bass", "other", "accompaniment"]
INDEX_COUNT = 256


def git_dir(path):
    """The mirror is a bare-style checkout: prefer repo/.git when it exists."""
    dotgit = os.path.join(path, ".git")
    return dotgit if os.path.isdir(dotgit) else path


def load_oracle_scripts(folder):
    """Copies IRM.py, IBM.py and MWF.py out of the mirror into `folder`, patched."""
    gdir = git_dir(MIRROR)
    commit = subprocess.check_output(["git", "-C", gdir, "rev-parse", "HEAD"], text=True).strip()
    for name in ["IRM.py", "IBM.py", "MWF.py"]:
        source = subprocess.check_output(["git", "-C", gdir, "show", "HEAD:" + name], text=True)
        # numpy >= 1.24 removed the np.float alias of the builtin float.
        source = source.replace("np.finfo(np.float)", "np.finfo(float)")
        with open(os.path.join(folder, name), "w") as handle:
            handle.write(source)
        if name == "MWF.py":
            # A diagnostic variant, never published: the Wiener gain in complex128 instead of
            # complex64, so the double-precision pipeline can be checked tightly (the complex64
            # rounding makes the reference itself move by ~1e-4 under one-ulp input changes).
            double = source.replace("G = np.zeros(invCxx.shape, dtype='complex64')",
                                    "G = np.zeros(invCxx.shape, dtype='complex128')")
            assert double != source, "MWF.py changed: the complex64 gain was not found"
            with open(os.path.join(folder, "MWFDouble.py"), "w") as handle:
                handle.write(double)
        if name == "IRM.py":
            # The multi-resolution oracle is IRM.py at other STFT sizes: make nfft a parameter.
            sized = source.replace("def IRM(track, alpha=2, eval_dir=None):",
                                   "def IRM(track, alpha=2, eval_dir=None, nfft=2048):")
            sized = sized.replace("    nfft = 2048\n", "")
            assert sized.count("nfft=2048") == 1 and "nfft = 2048" not in sized, "IRM.py changed"
            with open(os.path.join(folder, "IRMSized.py"), "w") as handle:
                handle.write(sized)
    sys.path.insert(0, folder)
    modules = {name: importlib.import_module(name)
               for name in ["IRM", "IBM", "MWF", "MWFDouble", "IRMSized"]}
    return commit, modules


def clean(value):
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def fingerprint(signal, indices):
    """Compact description of one channel of an estimate."""
    signal = np.asarray(signal, dtype=np.float64)
    return {
        "count": int(signal.shape[0]),
        "sum": float(np.sum(signal)),
        "sumOfSquares": float(np.sum(signal * signal)),
        "maxAbs": float(np.max(np.abs(signal))),
        "values": [float(signal[i]) for i in indices],
    }


def scores_of(store):
    """museval's per-frame scores as {target: {metric: [frame values]}}."""
    data = json.loads(store.json)
    result = {}
    for target in data["targets"]:
        metrics = {}
        for frame in target["frames"]:
            for metric, value in frame["metrics"].items():
                metrics.setdefault(metric, []).append(clean(value))
        result[target["name"]] = metrics
    return result


def one_ulp_perturbation(track, seed=0):
    """The track's mixture and sources with each sample moved by -1, 0 or +1 ulp (seeded):
    an input no FFT library could tell from the original, to measure how much an oracle's
    output depends on rounding alone."""
    from types import SimpleNamespace

    rng = np.random.default_rng(seed)

    def nudge(audio):
        return audio * (1 + rng.choice([-1.0, 0.0, 1.0], size=audio.shape) * 2.0 ** -52)

    return SimpleNamespace(
        audio=nudge(track.audio),
        sources={name: SimpleNamespace(audio=nudge(source.audio)) for name, source in track.sources.items()})


def rounding_sensitivity(run, track, estimates):
    """max |f(x) - f(x + one-ulp noise)| / max |f(x)| per target."""
    nudged = run(one_ulp_perturbation(track))
    return {name: float(np.max(np.abs(estimates[name] - nudged[name])) / np.max(np.abs(estimates[name])))
            for name in TARGETS}


def oracle_goldens(modules, commit):
    import musdb
    import museval

    root = os.path.join(SHARED, "musdb-sample", "hq")
    db = musdb.DB(root=root, is_wav=True, subsets="train")
    track = db.tracks[0]
    count = track.audio.shape[0]
    indices = sorted(set(np.linspace(0, count - 1, INDEX_COUNT).astype(int).tolist()
                         + list(range(0, 8)) + list(range(count - 8, count))))
    methods = {
        "irm1": lambda t: modules["IRM"].IRM(t, alpha=1),
        "irm2": lambda t: modules["IRM"].IRM(t, alpha=2),
        "ibm1": lambda t: modules["IBM"].IBM(t, alpha=1, theta=0.5),
        "ibm2": lambda t: modules["IBM"].IBM(t, alpha=2, theta=0.5),
        "mwf": lambda t: modules["MWF"].MWF(t),
        "mwf_double": lambda t: modules["MWFDouble"].MWF(t),
    }
    for nfft in [256, 512, 1024, 4096]:
        methods[f"irm2_{nfft}"] = (lambda n: lambda t: modules["IRMSized"].IRM(t, alpha=2, nfft=n))(nfft)
    only = os.environ.get("ORACLE_GOLDENS_ONLY")
    for method, run in methods.items():
        if only and method not in only.split(","):
            continue
        print(f"{method}: separating {track.name}", flush=True)
        estimates = run(track)
        targets = {}
        for name in TARGETS:
            estimate = estimates[name]
            targets[name] = [fingerprint(estimate[:, c], indices) for c in range(estimate.shape[1])]
        print(f"{method}: scoring with museval", flush=True)
        store = museval.eval_mus_track(track, estimates)
        variant = ", complex128 Wiener gain (diagnostic)" if method == "mwf_double" else ""
        golden = {
            "source": "sigsep-mus-oracle " + commit + " (patched: np.float -> float" + variant + ")",
            "track": "musdb-sample/hq/train/" + track.name,
            "method": method,
            "indices": indices,
            "targets": targets,
            "scores": scores_of(store),
            # How far the reference itself moves under one-ulp input noise: the floor of any
            # parity claim (large for the complex64 MWF gain on nearly mono sources).
            "roundingSensitivity": rounding_sensitivity(run, track, estimates),
        }
        write_json(os.path.join(OUT, method + ".json"), golden)


def stft_goldens():
    """scipy.signal.stft and istft of short deterministic signals (formula shared with the tests)."""
    cases = []
    for count, nperseg, noverlap in [(400, 64, None), (399, 64, 48), (37, 16, None), (300, 50, 10), (9, 8, 2)]:
        n = np.arange(count, dtype=np.float64)
        signal = np.sin(0.05 * n) + 0.5 * np.cos(0.31 * n + 0.2) + 0.25 * np.sin(0.0007 * n * n)
        _, _, Z = scipy.signal.stft(signal, nperseg=nperseg, noverlap=noverlap)
        # A deterministic, non-consistent modification, so istft's least-squares averaging shows.
        F, T = Z.shape
        gain = 1.0 / (1.0 + np.add.outer(np.arange(F), np.arange(T)) * 0.01)
        _, inverse = scipy.signal.istft(Z * gain, noverlap=noverlap)
        cases.append({
            "count": count,
            "segmentLength": nperseg,
            "overlap": noverlap if noverlap is not None else nperseg // 2,
            "bins": F,
            "frames": T,
            "real": Z.real.T.reshape(-1).tolist(),  # frame after frame, as our Spectrogram
            "imaginary": Z.imag.T.reshape(-1).tolist(),
            "inverseOfScaled": inverse.tolist(),
        })
    write_json(os.path.join(OUT, "scipy_stft.json"), {
        "source": "scipy " + scipy.__version__ + " signal.stft/istft, window hann, boundary zeros, padded",
        "signal": "sin(0.05 n) + 0.5 cos(0.31 n + 0.2) + 0.25 sin(0.0007 n^2)",
        "gain": "1 / (1 + 0.01 (bin + frame))",
        "cases": cases,
    })


def write_json(path, value):
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(value, handle, separators=(",", ":"), allow_nan=False)
        handle.write("\n")
    os.replace(temporary, path)
    print("wrote", os.path.relpath(path, PACKAGE), os.path.getsize(path), "bytes", flush=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    stft_goldens()
    if not os.path.isdir(MIRROR):
        print(f"skipped the oracle goldens: no sigsep-mus-oracle mirror at {MIRROR} (set ORACLE_MIRROR)")
        return
    if not os.path.isdir(os.path.join(SHARED, "musdb-sample", "hq")):
        print(f"skipped the oracle goldens: no MUSDB sample under {SHARED} (set MUSDB_SHARED_DATA)")
        return
    if os.environ.get("ORACLE_GOLDENS_STFT_ONLY"):
        return
    with tempfile.TemporaryDirectory() as folder:
        commit, modules = load_oracle_scripts(folder)
        oracle_goldens(modules, commit)


if __name__ == "__main__":
    main()
