#!/usr/bin/env bash
# Converts the shared MUSDB18 sample (.stem.mp4) into the MUSDB18-HQ layout with Python
# musdb 0.4.3's `musdbconvert ROOT OUT` and with our `musdb convert --root ROOT OUT`, whole
# processes, in one run; prints the best of REPEATS runs of each side and the ratio, and
# checks that both wrote the same samples into mixture, drums, bass, other and vocals.wav
# (musdbconvert also writes accompaniment.wav and linear_mixture.wav, counted as extra files).
# Usage: bash Benchmarks/musdb_convert.sh [--jobs N]   (REPEATS=3 by default; after
#        `swift build -c release` and `make pydeps`)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/musdb}
SHARED=${MUSDB_SHARED_DATA:-../shared/data}
ROOT="$SHARED/musdb-sample"
REPEATS=${REPEATS:-3}
JOBS=1
if [ "${1:-}" = "--jobs" ]; then JOBS=${2:?--jobs needs a value}; fi
[ -x "$BIN" ] || { echo "missing $BIN: run swift build -c release" >&2; exit 1; }
command -v musdbconvert >/dev/null || { echo "missing musdbconvert: run make pydeps" >&2; exit 1; }
[ -d "$ROOT" ] || { echo "missing $ROOT (the shared .stem.mp4 sample)" >&2; exit 1; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
best() { # best wall time, in seconds, of REPEATS runs of "${@:2}", which writes into $1
  local out=$1 best_s="" t0 t1 s
  shift
  for _ in $(seq "$REPEATS"); do
    rm -rf "$out"
    t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
    s=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best_s" ] || [ "$(echo "$s < $best_s" | bc -l)" = 1 ]; then best_s=$s; fi
  done
  echo "$best_s"
}

py=$(best "$TMP/python" musdbconvert "$ROOT" "$TMP/python")
sw=$(best "$TMP/ours" "$BIN" convert --root "$ROOT" "$TMP/ours" --jobs "$JOBS")
read -r tracks same extra < <(python3 - "$TMP/python" "$TMP/ours" <<'PY'
import pathlib, sys
import soundfile
python, ours = map(pathlib.Path, sys.argv[1:3])
stems = {"mixture", "drums", "bass", "other", "vocals"}
ours_files = sorted(p.relative_to(ours) for p in ours.glob("*/*/*.wav"))
python_files = sorted(p.relative_to(python) for p in python.glob("*/*/*.wav"))
same = [p for p in python_files if p.stem in stems] == ours_files
for p in ours_files if same else []:
    a, ra = soundfile.read(python / p)
    b, rb = soundfile.read(ours / p)
    same = same and ra == rb and a.shape == b.shape and (a == b).all()
tracks = sum(1 for p in ours_files if p.stem == "mixture")
print(tracks, "yes" if same else "NO", sum(1 for p in python_files if p.stem not in stems))
PY
)
printf '%-36s %6s %9s %9s %7s %13s %12s\n' dataset tracks python_s swift_s ratio same_samples python_extra
printf '%-36s %6s %9.3f %9.3f %6.1fx %13s %12s\n' "shared sample (.stem.mp4), jobs $JOBS" "$tracks" "$py" "$sw" \
  "$(echo "$py / $sw" | bc -l)" "$same" "$extra"
echo "best of $REPEATS runs each; ffmpeg: $(ffmpeg -version | head -1)"
