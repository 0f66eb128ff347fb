#!/usr/bin/env bash
# Throughput of `musdb augment` with gain/swap/remix only (no repitch) against plainly
# copying the same stems through our Audio layer, on a synthetic `musdb sample` dataset.
#
# "Plain copy" is `musdb augment` with every transform off and whole tracks (one example
# per track: read the four source WAVs with libsndfile, write them and their sum back,
# CRC-32 and manifest included), i.e. the cheapest read+write of the stems our Audio layer
# does; `cp -r` of the same folder is printed for context. Throughput is seconds of
# 5-file examples (mixture + 4 stems) written per second, by wall clock and by CPU time
# (user + system; steadier on a shared machine). Goal: augment ≥ 80 % of the plain copy.
# Also checks at the command level: --jobs 1 and 2 give identical bytes, and Python
# musdb reads the set back with mixture == sum of the stems.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
[ -x "$BIN/musdb" ] || swift build -c release --product musdb
TRACKS=${TRACKS:-8}
SECONDS_PER_TRACK=${SECONDS_PER_TRACK:-30}
JOBS=${JOBS:-2}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BIN/musdb" sample "$WORK/data" --tracks "$TRACKS" --test-tracks 0 --seconds "$SECONDS_PER_TRACK" >/dev/null 2>&1
sync

# timed NAME AUDIO_SECONDS COMMAND...: prints one table row.
timed() {
  local name=$1 audio=$2; shift 2
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" >/dev/null 2>&1
  read -r wall user system < "$WORK/time"
  python3 - "$name" "$audio" "$wall" "$user" "$system" <<'PY'
import sys
name, audio, wall, user, system = sys.argv[1], *map(float, sys.argv[2:])
cpu = max(user + system, 1e-3)
print(f"{name:<42}{audio / max(wall, 1e-3):>12.1f}{audio / cpu:>12.1f}{wall:>9.2f}{cpu:>9.2f}")
PY
}

echo "dataset: $TRACKS tracks × $SECONDS_PER_TRACK s (musdb sample), jobs $JOBS, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-42s%12s%12s%9s%9s\n' "run" "s/s wall" "s/s CPU" "wall s" "CPU s"
total=$((TRACKS * SECONDS_PER_TRACK))
timed "cp -r (context)" "$total" cp -r "$WORK/data/train" "$WORK/cp-copy" | tee "$WORK/cp.row"
timed "plain copy via Audio (identity augment)" "$total" \
  "$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/plain" --examples-per-track 1 --duration 0 \
  --gain-min 1 --gain-max 1 --swap-probability 0 --repitch-probability 0 --jobs "$JOBS" | tee "$WORK/plain.row"
timed "augment gain/swap/remix (4 × 6 s / track)" $((TRACKS * 24)) \
  "$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/augmented" --examples-per-track 4 --duration 6 \
  --remix random --repitch-probability 0 --jobs "$JOBS" | tee "$WORK/aug.row"
timed "augment default recipe (repitch p = 0.2)" $((TRACKS * 24)) \
  "$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/default" --jobs "$JOBS"
timed "augment default recipe, --jobs 1" $((TRACKS * 24)) \
  "$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/default1" --jobs 1
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
plain = open(f"{work}/plain.row").read().split()[-4:]
aug = open(f"{work}/aug.row").read().split()[-4:]
print(f"gain/swap/remix vs plain copy: {100 * float(aug[0]) / float(plain[0]):.0f} % by wall clock, "
      f"{100 * float(aug[1]) / float(plain[1]):.0f} % by CPU time (goal ≥ 80 %)")
PY
diff -r "$WORK/default" "$WORK/default1" >/dev/null && echo "--jobs 1 and --jobs $JOBS: byte-identical" \
  || { echo "--jobs 1 and --jobs $JOBS differ"; exit 1; }
python3 - "$WORK/default" <<'PY'
import sys, musdb, numpy as np, soundfile as sf
db = musdb.DB(root=sys.argv[1], is_wav=True, subsets="train")
for t in db.tracks:
    folder = t.path.rsplit("/", 1)[0]
    mix = sf.read(f"{folder}/mixture.wav", dtype="int16")[0].astype(np.int64)
    stems = sum(sf.read(f"{folder}/{s}.wav", dtype="int16")[0].astype(np.int64) for s in ["vocals", "drums", "bass", "other"])
    assert (mix == stems).all(), t.name
print(f"Python musdb reads {len(db.tracks)} examples; every mixture == sum of its stems (int16)")
PY
