#!/usr/bin/env bash
# Aggregating the four SiSEC 2018 score folders (200 JSON files, 845k frame scores):
# museval 0.4.1's MethodStore (add_eval_dir on each folder, then agg_frames_tracks_scores)
# against `museval aggregate` (release build), in one run on the same files.
# Python is timed in-process (imports excluded, to its advantage); ours is the whole process,
# best of 3. Goal: ratio >= 30x.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${MUSDB_SHARED_DATA:-../shared/data}
DATA="$SHARED/sisec18"
BIN=${BIN:-.build/release/museval}
[ -d "$DATA" ] || { echo "needs $DATA (SiSEC 2018 score folders)"; exit 1; }
[ -x "$BIN" ] || { echo "needs $BIN: run 'swift build -c release' (make build) first"; exit 1; }
METHODS=(HPSS IRM2 MIX TAK1)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

python_seconds=$(python3 - "$DATA" "${METHODS[@]}" <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
import museval
data, methods = sys.argv[1], sys.argv[2:]
best = float("inf")
for _ in range(2):
    start = time.perf_counter()
    store = museval.MethodStore()
    for method in methods:
        store.add_eval_dir(f"{data}/{method}")
    store.agg_frames_tracks_scores()
    best = min(best, time.perf_counter() - start)
print(f"{best:.4f}")
PY
)

swift_seconds=$(python3 - "$BIN" "$OUT/leaderboard.json" "${METHODS[@]/#/$DATA/}" <<'PY'
import subprocess, sys, time
binary, output, folders = sys.argv[1], sys.argv[2], sys.argv[3:]
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    subprocess.run([binary, "aggregate", *folders, "-o", output, "--quiet"], check=True)
    best = min(best, time.perf_counter() - start)
print(f"{best:.4f}")
PY
)

echo "museval aggregate, 4 SiSEC 2018 methods x 50 tracks (median/median):"
echo "  python museval 0.4.1 MethodStore: ${python_seconds} s"
echo "  swift  museval aggregate:         ${swift_seconds} s"
python3 -c "print(f'  speed-up: {$python_seconds / $swift_seconds:.1f}x (goal >= 30x)')"
