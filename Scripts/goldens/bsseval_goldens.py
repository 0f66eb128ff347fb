#!/usr/bin/env python3
"""Goldens for the BSSEval kernel, computed by Python museval 0.4.1.

Every case is a small declarative recipe (signal generators and operations on arrays)
that Tests/BSSEvalTests/SignalRecipe.swift rebuilds identically in Swift, so no audio is
committed. The recipes and museval's per-frame scores go to Fixtures/bsseval/<case>.json.

Generators (pure Python float arithmetic, reproduced op for op in Swift):
  SplitMix64 -> uniform doubles in [-1, 1): u = (x >> 11) * 2**-53, value = 2u - 1.
Ops on an nchan x n array (applied in order):
  ["stem", name, start]           add the MUSDB sample stem <name>.wav [start, start+n)
                                  (mono cases take the left channel)
  ["noise", seed, gain]           add gain * uniform noise; channel c uses seed + c
  ["resonant", seed, f, r, gain]  add gain * (noise through y[n] = x[n] + a1 y[n-1] - r^2 y[n-2]),
                                  a1 = 2 r cos(2 pi f); channel c uses seed + c
  ["sine", f, gain]               add gain * sin(2 pi f n + 0.5 c)
  ["ref", i, coef]                add coef * reference i (estimates only; over the common length)
  ["lowpass", a]                  y[n] = a y[n-1] + (1 - a) x[n], per channel
  ["gain", g]                     multiply by g
  ["zero", start, end]            digital silence on samples [start, end)
  ["quantize16"]                  round(x * 32768) / 32768, clipped to [-32768, 32767]
An estimate may carry "length" (samples) differing from the references: museval.evaluate
pads or truncates it (pad_or_truncate).

numpy 2 note: museval 0.4.1 catches `np.linalg.linalg.LinAlgError` when solve fails; numpy 2.4
has no `np.linalg.linalg`, so the except clause itself would raise AttributeError. We alias it
(np.linalg.linalg = np.linalg) so that museval's least-squares fallback works as written.
Nothing else in museval 0.4.1 needs a change under numpy 2.4 / scipy 1.17.
"""
import json
import math
import os
import sys
import time

import numpy as np

if not hasattr(np.linalg, "linalg"):
    np.linalg.linalg = np.linalg  # see module docstring

import museval
import museval.metrics as metrics
import soundfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "bsseval")
SHARED = os.environ.get("MUSDB_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))
TRACK = os.path.join(SHARED, "musdb-sample", "hq", "train", "Music Delta - 80s Rock")
MASK64 = (1 << 64) - 1


def splitmix64(seed):
    state = seed & MASK64
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        yield z ^ (z >> 31)


def uniform(seed, n):
    g = splitmix64(seed)
    scale = 2.0 ** -53
    return [2.0 * ((next(g) >> 11) * scale) - 1.0 for _ in range(n)]


_stems = {}


def stem(name):
    if name not in _stems:
        x, rate = soundfile.read(os.path.join(TRACK, name + ".wav"), dtype="float64", always_2d=True)
        _stems[name] = x.T.copy()
    return _stems[name]


def apply(ops, nchan, n, refs=None):
    x = np.zeros((nchan, n))
    for op in ops:
        kind = op[0]
        if kind == "stem":
            s = stem(op[1])
            x += s[:nchan, op[2]:op[2] + n]
        elif kind == "noise":
            for c in range(nchan):
                x[c] += op[2] * np.array(uniform(op[1] + c, n))
        elif kind == "resonant":
            _, seed, f, r, gain = op
            a1 = 2.0 * r * math.cos(2.0 * math.pi * f)
            a2 = r * r
            for c in range(nchan):
                u = uniform(seed + c, n)
                y1 = y2 = 0.0
                out = [0.0] * n
                for i in range(n):
                    y = u[i] + a1 * y1 - a2 * y2
                    out[i] = y
                    y2, y1 = y1, y
                x[c] += gain * np.array(out)
        elif kind == "sine":
            _, f, gain = op
            for c in range(nchan):
                x[c] += np.array([gain * math.sin(2.0 * math.pi * f * i + 0.5 * c) for i in range(n)])
        elif kind == "ref":
            m = min(n, refs.shape[2])
            x[:, :m] += op[2] * refs[op[1]][:, :m]
        elif kind == "lowpass":
            a = op[1]
            b = 1.0 - a
            for c in range(nchan):
                row = x[c].tolist()
                y = 0.0
                for i in range(n):
                    y = a * y + b * row[i]
                    row[i] = y
                x[c] = row
        elif kind == "gain":
            x *= op[1]
        elif kind == "zero":
            x[:, op[1]:op[2]] = 0.0
        elif kind == "quantize16":
            x = np.clip(np.round(x * 32768.0), -32768.0, 32767.0) / 32768.0
        else:
            raise ValueError(kind)
    return x


def enc(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


# ---------------------------------------------------------------- cases
ROCK = ["vocals", "drums", "bass", "other"]
N_ROCK = 300032


def rock_refs():
    return [[["stem", s, 0]] for s in ROCK]


def leaky(j, k, own=0.8, leak=0.1):
    return [["ref", i, own if i == j else leak] for i in range(k)]


CASES = []


def case(name, nchan, n, refs, ests, win, hop, **kw):
    CASES.append(dict(name=name, nchan=nchan, length=n, references=refs, estimates=ests,
                      win=win, hop=hop, **kw))


# the real track, evaluate() defaults (v4, images, 1 s frames)
case("rock_leaky", 2, N_ROCK, rock_refs(),
     [{"ops": leaky(j, 4)} for j in range(4)], 44100, 44100, api="evaluate")
case("rock_gain_noise", 2, N_ROCK, rock_refs(),
     [{"ops": [["ref", j, [0.5, 1.3, 0.9, 2.0][j]], ["noise", 100 + 10 * j, 0.01]]} for j in range(4)],
     44100, 44100, api="evaluate")
case("rock_lowpassed_estimates", 2, N_ROCK, rock_refs(),
     [{"ops": [["ref", j, 1.0], ["lowpass", 0.9]]} for j in range(4)], 44100, 44100, api="evaluate", spread=True)
case("rock_true_sources", 2, N_ROCK, rock_refs(),
     [{"ops": [["ref", j, 1.0]]} for j in range(4)], 44100, 44100, api="evaluate")
case("rock_padded_estimates", 2, N_ROCK, rock_refs(),
     [{"ops": leaky(j, 4, 0.9, 0.05) + [["noise", 7 + j, 0.003]], "length": N_ROCK - 30000} for j in range(4)],
     44100, 44100, api="evaluate")
# 16-bit quantised stems with digital silence: frames 1 and 4 go NaN (reference / estimate silent)
case("rock_silent_frames_16bit", 2, N_ROCK,
     [[["stem", "vocals", 0], ["zero", 40000, 90000], ["quantize16"]],
      [["stem", "drums", 0], ["quantize16"]],
      [["stem", "bass", 0], ["gain", 0.5], ["quantize16"]],
      [["stem", "other", 0], ["quantize16"]]],
     [{"ops": leaky(j, 4, 0.85, 0.05) + [["noise", 30 + j, 0.002]] +
       ([["zero", 176400, 225000]] if j == 2 else []) + [["quantize16"]]} for j in range(4)],
     44100, 44100, api="evaluate")
# frames, lengths, shapes (synthetic)
SYN3 = [[["resonant", 11, 0.01, 0.995, 0.02]],
        [["resonant", 21, 0.05, 0.99, 0.05], ["noise", 23, 0.05]],
        [["resonant", 31, 0.13, 0.98, 0.05], ["sine", 0.0071, 0.2]]]
case("short_track", 2, 30000, SYN3[:2],
     [{"ops": leaky(j, 2, 0.9, 0.2) + [["noise", 40 + j, 0.02]]} for j in range(2)], 44100, 44100, api="evaluate")
case("truncated_estimates", 2, 50000, SYN3[:2],
     [{"ops": leaky(j, 2, 0.9, 0.2) + [["noise", 300 + j, 0.02]], "length": 50777} for j in range(2)],
     20000, 20000, api="evaluate")
case("odd_length_win_ne_hop", 2, 100003, SYN3,
     [{"ops": leaky(j, 3, 0.9, 0.15) + [["noise", 50 + j, 0.03]]} for j in range(3)], 20000, 15000, api="evaluate")
case("mono", 1, 70000, SYN3,
     [{"ops": leaky(j, 3, 0.8, 0.2) + [["noise", 60 + j, 0.05]]} for j in range(3)], 16000, 16000, api="evaluate")
SYN6 = [[["resonant", 100 + 10 * k, 0.004 + 0.03 * k, 0.99, 0.05], ["noise", 105 + 10 * k, 0.01]] for k in range(6)]
case("six_sources", 2, 40000, SYN6,
     [{"ops": leaky(j, 6, 0.9, 0.06) + [["noise", 70 + j, 0.02]]} for j in range(6)], 16000, 12000, api="evaluate")
# modes
case("v3_framewise_filters", 2, 60000, SYN3,
     [{"ops": leaky(j, 3, 0.85, 0.1) + [["noise", 80 + j, 0.03]]} for j in range(3)], 20000, 20000,
     api="bss_eval", mode="v3")
case("sources_variant", 2, 60000, SYN3,
     [{"ops": leaky(j, 3, 0.85, 0.1) + [["noise", 90 + j, 0.03], ["lowpass", 0.5]]} for j in range(3)], 20000, 10000,
     api="bss_eval", criteria="sources")
case("v3_sources_variant", 1, 50000, SYN3,
     [{"ops": leaky(j, 3, 0.85, 0.1) + [["noise", 95 + j, 0.03]]} for j in range(3)], 25000, 12500,
     api="bss_eval", mode="v3", criteria="sources")
# permutation search on shuffled estimates
case("rock_permutation", 2, 150000, rock_refs(),
     [{"ops": leaky(p, 4, 0.8, 0.1) + [["noise", 200 + j, 0.005]]} for j, p in enumerate([2, 0, 3, 1])],
     44100, 44100, api="bss_eval", permutation=True)
# museval recomputes the Cj solves once per candidate permutation (n!·n solves): 5 sources keep it minutes
case("permutation_five", 2, 40000, SYN6[:5],
     [{"ops": leaky(p, 5, 0.9, 0.06) + [["noise", 210 + j, 0.02]]} for j, p in enumerate([4, 3, 0, 1, 2])],
     16000, 12000, api="bss_eval", permutation=True)
case("v3_permutation", 2, 60000, SYN3,
     [{"ops": leaky(p, 3, 0.7, 0.25) + [["noise", 220 + j, 0.03]]} for j, p in enumerate([1, 2, 0])],
     20000, 20000, api="bss_eval", mode="v3", permutation=True)
# a silent frame makes museval's mean SIR NaN for every permutation: it returns the identity
case("permutation_with_nan_frame", 2, 60000,
     [SYN3[0], SYN3[1] + [["zero", 20000, 40000]], SYN3[2]],
     [{"ops": leaky(p, 3, 0.8, 0.1) + [["noise", 230 + j, 0.03]]} for j, p in enumerate([2, 0, 1])],
     20000, 20000, api="bss_eval", permutation=True)
# ill-conditioned Gram matrices: a pure sinusoid and heavily low-passed references
case("ill_sinusoid_reference", 2, 60000,
     [[["sine", 0.01, 0.5]], SYN3[1], SYN3[2]],
     [{"ops": leaky(j, 3, 0.8, 0.1) + [["noise", 240 + j, 0.01]]} for j in range(3)], 20000, 20000, api="evaluate", spread=True)
case("ill_lowpassed_reference", 2, 60000,
     [[["noise", 250, 0.3], ["lowpass", 0.995], ["lowpass", 0.995], ["lowpass", 0.995]], SYN3[1], SYN3[2]],
     [{"ops": leaky(j, 3, 0.8, 0.1) + [["noise", 260 + j, 0.01]]} for j in range(3)], 20000, 20000, api="evaluate", spread=True)
case("ill_rock_lowpassed_16bit", 2, N_ROCK,
     [[["stem", s, 0], ["lowpass", 0.98], ["lowpass", 0.98], ["quantize16"]] for s in ROCK],
     [{"ops": leaky(j, 4, 0.8, 0.1) + [["noise", 270 + j, 0.001]]} for j in range(4)], 44100, 44100, api="evaluate", spread=True)


def rounding_spread(c, refs, ests):
    """How much museval's own scores move when only its rounding changes.

    museval computes the correlations with FFTs of size 2^ceil(log2(n + L - 1)); a 2x, 4x,
    8x or 16x larger size gives the same correlations in exact arithmetic (no wrap-around
    either way) but different rounding. On an ill-conditioned Gram matrix that rounding
    reaches the filters' near-null components, so the scores move: the largest move over
    the variants is the precision museval's own numbers have for this case (recorded; the
    Swift test allows twice it when that exceeds 0.01 dB). Each variant is one more draw
    of the rounding, so more variants give a less optimistic estimate.
    """
    import scipy.fftpack
    original = scipy.fftpack.fft
    base = None
    spread = 0.0
    for scale in (1, 2, 4, 8, 16):
        def fft(x, n=None, axis=-1, _scale=scale):
            return original(x, n=None if n is None else n * _scale, axis=axis)
        metrics.scipy.fftpack.fft = fft
        try:
            out = metrics.bss_eval(np.moveaxis(refs, 1, 2), np.moveaxis(ests, 1, 2), window=c["win"], hop=c["hop"])[:4]
        finally:
            metrics.scipy.fftpack.fft = original
        if base is None:
            base = out
        else:
            for a, b in zip(out, base):
                d = np.abs(np.asarray(a) - np.asarray(b))
                if np.any(np.isfinite(d)):
                    spread = max(spread, float(np.nanmax(d[np.isfinite(d)])))
    return spread


def run(c):
    nchan, n = c["nchan"], c["length"]
    refs = np.stack([apply(ops, nchan, n) for ops in c["references"]])
    ests = [apply(e["ops"], nchan, e.get("length", n), refs) for e in c["estimates"]]
    mode = c.get("mode", "v4")
    criteria = c.get("criteria", "images")
    perm = c.get("permutation", False)
    t0 = time.time()
    if c["api"] == "evaluate":
        ests_in = np.stack(ests)  # one length for all estimates; evaluate pads or truncates
        sdr, isr, sir, sar = museval.evaluate(np.moveaxis(refs, 1, 2), np.moveaxis(ests_in, 1, 2),
                                              win=c["win"], hop=c["hop"], mode=mode)
        popt = np.arange(len(refs))[:, None]
    else:
        sdr, isr, sir, sar, popt = metrics.bss_eval(
            np.moveaxis(refs, 1, 2), np.moveaxis(np.stack(ests), 1, 2), window=c["win"], hop=c["hop"],
            compute_permutation=perm, filters_len=512, framewise_filters=(mode == "v3"),
            bsseval_sources_version=(criteria == "sources"))
    dt = time.time() - t0
    if c.get("spread"):
        c = dict(c, rounding_spread_db=rounding_spread(c, refs, np.stack(ests)))
        c.pop("spread")
    out = dict(c)
    out.pop("api")
    out.update(mode=mode, criteria=criteria, permutation=perm, filters_len=512,
               museval_version=museval.__version__ if hasattr(museval, "__version__") else "0.4.1",
               museval_seconds=round(dt, 2))
    out["scores"] = {k: [[enc(v) for v in row] for row in np.atleast_2d(m)]
                     for k, m in (("SDR", sdr), ("ISR", isr), ("SIR", sir), ("SAR", sar))}
    out["permutation_result"] = np.asarray(popt).astype(int).T.tolist()  # [frame][source]
    return out, dt


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])
    for c in CASES:
        if only and c["name"] not in only:
            continue
        out, dt = run(c)
        path = os.path.join(OUT, c["name"] + ".json")
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        os.replace(tmp, path)
        print("%-32s %6.2fs  SDR[0][:3]=%s perm=%s" % (c["name"], dt, out["scores"]["SDR"][0][:3],
                                                     out["permutation_result"][:2]))


if __name__ == "__main__":
    main()
