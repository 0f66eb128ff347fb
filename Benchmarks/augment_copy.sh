#!/usr/bin/env bash
# Throughput of `musdb augment` with gain/swap/remix only (no repitch) against plainly
# copying the same stems through our Audio layer, on a synthetic `musdb sample` dataset.
#
# "Plain copy" is `musdb augment` with every transform off and whole tracks (one example
# per track: read the four source WAVs with libsndfile, write them and their sum back,
# CRC-32 and manifest included), i.e. the cheapest read+write of the stems our Audio layer
# does; `cp -r` of the same folder is printed for context. Throughput is seconds of
# 5-file examples (mixture + 4 stems) written per wall-clock second. Goal: augment ≥ 80 %
# of the plain copy.
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

now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):.1f}')"; }

sync
t0=$(now); cp -r "$WORK/data/train" "$WORK/cp-copy"; t1=$(now)
cp_rate=$(rate "$TRACKS * $SECONDS_PER_TRACK" "$t0" "$t1")

t0=$(now)
"$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/plain" --examples-per-track 1 --duration 0 \
  --gain-min 1 --gain-max 1 --swap-probability 0 --repitch-probability 0 --jobs "$JOBS" 2>/dev/null
t1=$(now)
plain_rate=$(rate "$TRACKS * $SECONDS_PER_TRACK" "$t0" "$t1")

# Gain/swap/remix only: 4 examples of 6 s per track, each source from its own track.
t0=$(now)
"$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/augmented" --examples-per-track 4 --duration 6 \
  --remix random --repitch-probability 0 --jobs "$JOBS" 2>/dev/null
t1=$(now)
aug_rate=$(rate "$TRACKS * 4 * 6" "$t0" "$t1")
aug_seconds=$(python3 -c "print(f'{$t1 - $t0:.2f}')")

# The default recipe (repitch p = 0.2) for the time to write 4 examples per track.
t0=$(now)
"$BIN/musdb" augment --root "$WORK/data" --is-wav --output "$WORK/default" --jobs "$JOBS" 2>/dev/null
t1=$(now)
default_seconds=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
default_rate=$(rate "$TRACKS * 4 * 6" "$t0" "$t1")

echo "dataset: $TRACKS tracks × $SECONDS_PER_TRACK s (musdb sample), jobs $JOBS"
printf '%-44s %12s\n' "run" "s audio / s"
printf '%-44s %12s\n' "cp -r (context)" "$cp_rate"
printf '%-44s %12s\n' "plain copy via Audio (identity augment)" "$plain_rate"
printf '%-44s %12s   (%s s for 4 × 6 s per track)\n' "augment gain/swap/remix" "$aug_rate" "$aug_seconds"
printf '%-44s %12s   (%s s for 4 × 6 s per track)\n' "augment default recipe (repitch p=0.2)" "$default_rate" "$default_seconds"
python3 -c "r = $aug_rate / $plain_rate; print(f'gain/swap/remix vs plain copy: {100 * r:.0f} % (goal ≥ 80 %)')"
