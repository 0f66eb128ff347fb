#!/usr/bin/env python3
"""Pitch shift / time stretch: ours (musdb stretch) vs Rubber Band R2, R3 (--fine) and
SoundTouch (soundstretch), on the same stereo WAVs.

Test material: additive-synthesis notes (harmonic partials with their own decays, an
attack/decay/release envelope, a pan per note, plus short noise-burst percussion) from
one seeded note list, rendered once at the original pitch and tempo and once more at the
target pitch or tempo. The second rendering is the ideal answer; quality is the
multi-resolution log-spectral distance (LSD, dB; lower is better) of each tool's output
to it, after aligning for any constant latency (cross-correlation, ±50 ms). Speed is
wall time per run, including reading and writing the files, as × real time.

Usage: augment_quality.py MUSDB_BINARY WORK_DIR
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
import soundfile as sf

RATE = 44100
SECONDS = 20.0


def notes(seed=7):
    rng = np.random.default_rng(seed)
    out = []
    t = 0.0
    while t < SECONDS - 1.0:
        out.append(dict(onset=t, length=float(rng.uniform(0.25, 1.2)), midi=int(rng.integers(40, 80)),
                        amp=float(rng.uniform(0.05, 0.15)), pan=float(rng.uniform(-0.8, 0.8)),
                        partials=int(rng.integers(4, 12)), kind="tone"))
        if rng.random() < 0.4:  # a chord partner
            out.append(dict(out[-1], midi=out[-1]["midi"] + int(rng.choice([3, 4, 7])), pan=-out[-1]["pan"]))
        t += float(rng.uniform(0.12, 0.5))
    for beat in np.arange(0.25, SECONDS - 0.5, 0.5):  # hi-hat-like bursts
        out.append(dict(onset=float(beat), length=0.05, amp=0.25, pan=0.3, kind="burst", seed=int(beat * 1000)))
    return out


def render(note_list, semitones=0.0, tempo=1.0):
    """Stereo rendering: onsets and lengths divided by `tempo`, pitch raised by `semitones`."""
    n = int(round(SECONDS * RATE / tempo))
    y = np.zeros((n, 2))
    factor = 2.0 ** (semitones / 12)
    for note in note_list:
        start = int(round(note["onset"] / tempo * RATE))
        length = note["length"] / tempo
        if note["kind"] == "burst":
            count = int(0.05 * RATE)  # percussion keeps its own length (it is an event)
            rng = np.random.default_rng(note["seed"])
            seg = rng.uniform(-1, 1, count) * np.exp(-np.arange(count) / (0.006 * RATE)) * note["amp"]
        else:
            count = int((length + 0.3) * RATE)
            tt = np.arange(count) / RATE
            env = np.minimum(tt / 0.01, 1.0) * np.exp(-tt * 1.5)
            env *= np.clip((length + 0.3 - tt) / 0.3, 0, 1)  # release over the last 0.3 s
            f0 = 440.0 * 2 ** ((note["midi"] - 69) / 12) * factor
            seg = np.zeros(count)
            for k in range(1, note["partials"] + 1):
                if f0 * k > 0.45 * RATE:
                    break
                seg += np.sin(2 * np.pi * f0 * k * tt + 0.3 * k) * np.exp(-tt * 0.8 * k) / k
            seg *= env * note["amp"]
        end = min(n, start + len(seg))
        if end <= start:
            continue
        seg = seg[: end - start]
        left, right = np.sqrt(0.5 * (1 - note["pan"])), np.sqrt(0.5 * (1 + note["pan"]))
        y[start:end, 0] += left * seg
        y[start:end, 1] += right * seg
    return y


def spectrogram(x, size):
    hop = size // 4
    window = np.hanning(size + 1)[:-1]
    frames = 1 + (len(x) - size) // hop
    idx = np.arange(size)[None, :] + hop * np.arange(frames)[:, None]
    return np.abs(np.fft.rfft(x[idx] * window, axis=1)) ** 2


def lsd(output, reference):
    """Multi-resolution log-spectral distance in dB (mean over 512…4096-point STFTs and channels)."""
    values = []
    for size in (512, 1024, 2048, 4096):
        for c in range(2):
            a = spectrogram(output[:, c], size)
            b = spectrogram(reference[:, c], size)
            floor = 1e-10 * max(b.max(), 1e-20)
            d = 10 * np.log10((a + floor) / (b + floor))
            values.append(np.mean(np.sqrt(np.mean(d ** 2, axis=1))))
    return float(np.mean(values))


def envelope(x, block=32):
    e = (x.sum(axis=1) ** 2)[: len(x) // block * block].reshape(-1, block).sum(axis=1)
    return np.log10(e + 1e-9)


def aligned(output, reference):
    """`output` shifted by the lag (±50 ms, 32-sample steps) whose log-energy envelope best
    matches the reference's (waveform cross-correlation is meaningless after a pitch
    change), trimmed or padded to the reference's length."""
    a, b = envelope(output), envelope(reference)
    m = min(len(a), len(b))
    a, b = a[:m] - a[:m].mean(), b[:m] - b[:m].mean()
    limit = int(0.05 * RATE) // 32
    best, lag = -np.inf, 0
    for k in range(-limit, limit + 1):
        value = np.dot(a[max(0, k):m + min(0, k)], b[max(0, -k):m - max(0, k)])
        if value > best:
            best, lag = value, k * 32
    shifted = np.zeros_like(reference)
    src = output[max(0, lag):]
    dst_start = max(0, -lag)
    count = min(len(src), len(reference) - dst_start)
    shifted[dst_start:dst_start + count] = src[:count]
    return shifted, lag


def main():
    musdb, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    note_list = notes()
    original = os.path.join(work, "original.wav")
    # 16-bit PCM: the encoding every tool reads (SoundTouch misreads float WAVs).
    sf.write(original, render(note_list), RATE, subtype="PCM_16")
    conditions = [("pitch", s) for s in (-2, -1, 1, 2, 7)] + [("tempo", r) for r in (0.88, 0.95, 1.05, 1.12)]
    tools = {
        "ours": lambda i, o, s, r: [musdb, "stretch", i, o, f"--rate={r}", f"--semitones={s}", "--format", "float"],
        "rubberband R2": lambda i, o, s, r: ["rubberband", "-q", "-t", repr(1 / r), "-p", str(s), i, o],
        "rubberband R3": lambda i, o, s, r: ["rubberband", "-q", "--fine", "-t", repr(1 / r), "-p", str(s), i, o],
        "soundstretch": lambda i, o, s, r: ["soundstretch", i, o, f"-tempo={(r - 1) * 100:.6f}", f"-pitch={s}"],
    }
    results = {name: dict(lsd=[], speed=[]) for name in tools}
    rows = []
    for kind, value in conditions:
        semitones, rate = (value, 1.0) if kind == "pitch" else (0, value)
        reference = render(note_list, semitones=semitones, tempo=rate)
        for name, command in tools.items():
            out = os.path.join(work, f"{name.replace(' ', '_')}_{kind}_{value}.wav")
            started = time.perf_counter()
            subprocess.run(command(original, out, semitones, rate), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time.perf_counter() - started
            y, _ = sf.read(out, dtype="float64", always_2d=True)
            shifted, lag = aligned(y, reference)
            distance = lsd(shifted, reference)
            speed = SECONDS / seconds
            results[name]["lsd"].append(distance)
            results[name]["speed"].append(speed)
            rows.append((f"{kind} {value}", name, distance, speed, lag, len(y) - len(reference)))
    print(f"{'condition':<14}{'tool':<16}{'LSD dB':>8}{'× RT':>8}{'lag':>6}{'Δlen':>7}")
    for row in rows:
        print(f"{row[0]:<14}{row[1]:<16}{row[2]:>8.2f}{row[3]:>8.1f}{row[4]:>6}{row[5]:>7}")
    print()
    print(f"{'tool':<16}{'mean LSD dB':>12}{'median × RT':>13}")
    summary = {}
    for name, r in results.items():
        summary[name] = dict(mean_lsd=float(np.mean(r["lsd"])), median_speed=float(np.median(r["speed"])))
        print(f"{name:<16}{summary[name]['mean_lsd']:>12.2f}{summary[name]['median_speed']:>13.1f}")
    with open(os.path.join(work, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)


if __name__ == "__main__":
    main()
