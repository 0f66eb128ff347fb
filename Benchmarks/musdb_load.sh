#!/usr/bin/env bash
# Lists and fully loads (mixture + all six targets of every track) the shared MUSDB18
# sample as stems and as HQ WAVs, and a synthetic sample, with Python musdb 0.4.3 and with
# our `musdb load`, in one run; prints both times and the ratio.
# Usage: bash Benchmarks/musdb_load.sh   (after `swift build -c release`; `make bench` does both)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/musdb}
SHARED=${MUSDB_SHARED_DATA:-../shared/data}
[ -x "$BIN" ] || { echo "missing $BIN: run swift build -c release" >&2; exit 1; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
"$BIN" sample "$TMP/synthetic" >/dev/null 2>&1

now() { date +%s.%N; }
printf '%-28s %7s %10s %10s %7s\n' dataset tracks python_s swift_s ratio
run() {
  local label=$1 root=$2; shift 2
  [ -e "$root" ] || { echo "$label: $root missing, skipped"; return; }
  local py tracks t0 t1 sw
  read -r py tracks < <(python3 Benchmarks/musdb_load.py "$root" "$@")
  t0=$(now); "$BIN" load --root "$root" "$@" >/dev/null 2>&1; t1=$(now)
  sw=$(echo "$t1 - $t0" | bc -l)
  printf '%-28s %7s %10.3f %10.3f %6.1fx\n' "$label" "$tracks" "$py" "$sw" "$(echo "$py / $sw" | bc -l)"
}
run "shared sample (stems)" "$SHARED/musdb-sample"
run "shared sample (HQ wav)" "$SHARED/musdb-sample/hq" --is-wav
run "synthetic 6x10s (HQ wav)" "$TMP/synthetic" --is-wav
echo "ffmpeg: $(ffmpeg -version | head -1)"
