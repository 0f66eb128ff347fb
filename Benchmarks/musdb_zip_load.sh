#!/usr/bin/env bash
# Whole-command load times of `musdb load` from a zip root against the same data as a
# folder: one MUSDB18-HQ track (the shared sample tiled to SECONDS, default 180 s) loaded
# whole and as a 6 s excerpt at 2/3 of the track, from the folder, a deflated zip and a
# stored zip; then the shared .stem.mp4 sample (6.8 s) whole and a 6 s excerpt at 0.5 s,
# from the folder and from zips. Prints the best of REPEATS (default 3) wall times, the
# ratio to the folder, and the peak resident memory (GNU time's %M) of that run.
# Usage: bash Benchmarks/musdb_zip_load.sh [SECONDS]   (after `swift build -c release`)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/musdb}
SHARED=${MUSDB_SHARED_DATA:-../shared/data}
SECONDS_LONG=${1:-180}
REPEATS=${REPEATS:-3}
[ -x "$BIN" ] || { echo "missing $BIN: run swift build -c release" >&2; exit 1; }
[ -d "$SHARED/musdb-sample/hq" ] || { echo "missing $SHARED/musdb-sample: skipped" >&2; exit 0; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
python3 Benchmarks/musdb_zip_load.py "$SHARED/musdb-sample" "$TMP" "$SECONDS_LONG"

# best wall seconds and that run's peak RSS (kB) of `musdb load ARGS` over REPEATS runs
measure() {
  local best="" rss="" wall kb
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -f '%e %M' -o "$TMP/time" "$BIN" load "$@" >/dev/null 2>"$TMP/err" ||
      { echo "musdb load $* failed:" >&2; cat "$TMP/err" >&2; exit 1; }
    read -r wall kb <"$TMP/time"
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc -l)" = 1 ]; then best=$wall; rss=$kb; fi
  done
  echo "$best $rss"
}

printf '%-34s %-8s %8s %7s %9s\n' input load wall_s ratio peak_MB
# prints one row; the first row of a group (base empty) is the folder, the others' ratio is to it
base=""
row() {
  local label=$1 kind=$2; shift 2
  local wall kb
  read -r wall kb < <(measure "$@")
  [ -n "$base" ] || base=$wall
  printf '%-34s %-8s %8.2f %6.2fx %9.1f\n' "$label" "$kind" "$wall" "$(echo "$wall / $base" | bc -l)" \
    "$(echo "$kb / 1024" | bc -l)"
}
excerpt_at=$(echo "$SECONDS_LONG * 2 / 3" | bc)
for kind in whole excerpt; do
  extra=(--is-wav); [ "$kind" = excerpt ] && extra+=(--chunk-start "$excerpt_at" --chunk-duration 6)
  base=""
  row "HQ ${SECONDS_LONG}s folder" "$kind" --root "$TMP/hq" "${extra[@]}"
  row "HQ ${SECONDS_LONG}s zip, deflated" "$kind" --root "$TMP/hq-deflated.zip" "${extra[@]}"
  row "HQ ${SECONDS_LONG}s zip, stored" "$kind" --root "$TMP/hq-stored.zip" "${extra[@]}"
done
for kind in whole excerpt; do
  extra=(); [ "$kind" = excerpt ] && extra+=(--chunk-start 0.5 --chunk-duration 6)
  base=""
  row "stems 6.8s folder" "$kind" --root "$SHARED/musdb-sample" "${extra[@]}"
  row "stems 6.8s zip, deflated" "$kind" --root "$TMP/stems-deflated.zip" "${extra[@]}"
  row "stems 6.8s zip, stored" "$kind" --root "$TMP/stems-stored.zip" "${extra[@]}"
done
ls -l "$TMP"/*.zip | awk '{printf "%s %d bytes\n", $NF, $5}' | sed "s|$TMP/||"
echo "ffmpeg: $(ffmpeg -version | head -1)"
