#!/usr/bin/env bash
# The museval commands a user runs (whole processes on WAV files) vs what a Python user runs
# on the same files: `museval dir` at 1, 5 and 10 min (Python at 1 and 5 min), then
# `museval ESTIMATES --root ROOT --is-wav` on a simulated 8 x 240 s test set with 4 and 5
# targets at --jobs 1 and 2. Wall time, peak memory, ratio, max score difference.
# Extra arguments select one mode: `dir --durations 60` or `testset --tracks 2`.
set -euo pipefail
cd "$(dirname "$0")/.."
# A build of its own (no -enable-testing), so that it and the test build do not rebuild each other.
BUILD=.build-bench
swift build -c release $(bash Scripts/swift-cpu-flags.sh) --scratch-path "$BUILD" --product museval >/dev/null
swift build -c release $(bash Scripts/swift-cpu-flags.sh) --scratch-path "$BUILD" --product musdb >/dev/null
BINS=(--bin "$BUILD/release/museval" --musdb "$BUILD/release/musdb")
if [ $# -gt 0 ]; then
  python3 Benchmarks/museval_command.py "$@" "${BINS[@]}"
else
  python3 Benchmarks/museval_command.py dir "${BINS[@]}"
  python3 Benchmarks/museval_command.py testset "${BINS[@]}"
fi
