#!/usr/bin/env bash
# The Python package (museval_swift.evaluate) vs museval 0.4.1 in one process on the same
# in-memory 60 s and 5 min 4-stem tracks, and pitch_shift vs soundstretch. Installs the
# package first (make python). Extra arguments go to the .py (e.g. --durations 60).
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory python >/dev/null
python3 Benchmarks/python_evaluate.py "$@"
