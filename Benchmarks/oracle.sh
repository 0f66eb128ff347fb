#!/usr/bin/env bash
# Oracle separations of the shared HQ sample track (6.8 s stereo): sigsep-mus-oracle's
# scripts (timed in-process, audio loading included, separation only, best of 3) against
# `museval oracle` (release build, the whole process: reading, separating, writing five
# float WAVs; best of 3), in one run.
# Usage: bash Benchmarks/oracle.sh   (after `swift build -c release`; `make bench` does both)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${MUSDB_SHARED_DATA:-../shared/data}
ROOT="$SHARED/musdb-sample/hq"
BIN=${BIN:-.build/release/museval}
[ -x "$BIN" ] || { echo "missing $BIN: run swift build -c release" >&2; exit 1; }
[ -d "$ROOT" ] || { echo "needs $ROOT (the shared MUSDB sample)"; exit 1; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
printf '%-8s %10s %10s %7s\n' method python_s swift_s ratio
while read -r method py; do
  best=""
  for _ in 1 2 3; do
    t0=$(now)
    "$BIN" oracle --method "$method" --root "$ROOT" --is-wav --subsets train -o "$TMP/$method" --force >/dev/null 2>&1
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%-8s %10.3f %10.3f %6.1fx\n' "$method" "$py" "$best" "$(echo "$py / $best" | bc -l)"
done < <(python3 Benchmarks/oracle.py "$ROOT")
