#!/usr/bin/env bash
# Pitch shift / time stretch quality and speed: ours vs Rubber Band (R2, R3) and SoundTouch.
# Needs rubberband and soundstretch on PATH, Python with numpy and soundfile.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
[ -x "$BIN/musdb" ] || swift build -c release --product musdb
WORK=${WORK:-$(mktemp -d)}
python3 Benchmarks/augment_quality.py "$BIN/musdb" "$WORK"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
