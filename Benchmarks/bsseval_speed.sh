#!/usr/bin/env bash
# BSS Eval kernel vs Python museval 0.4.1 on the same synthetic 60 s and 5 min tracks:
# wall time, peak memory, speed-up, max score difference. Extra arguments go to the .py
# (e.g. --durations 60 or --skip-museval).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release $(bash Scripts/swift-cpu-flags.sh) --product BSSEvalBenchmark >/dev/null
python3 Benchmarks/bsseval_speed.py --bin .build/release/BSSEvalBenchmark "$@"
