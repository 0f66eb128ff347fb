#!/usr/bin/env bash
# Coverage-guided fuzzing of LenientJSONReader with libFuzzer (swiftc -sanitize=fuzzer,address).
# Usage: Scripts/fuzz-libfuzzer.sh [libFuzzer options, e.g. -max_total_time=300]
# Crashing inputs are written as crash-* in the current folder; replay one with
#   .build/fuzz/lenient-json crash-<hash>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build/fuzz"
mkdir -p "$out/corpus"
cp "$root"/Fixtures/museval/aggregate/trackstore/*.json "$out/corpus/"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name LenientJSONFuzz \
  "$root/Sources/MUSEval/LenientJSONReader.swift" "$root/Sources/MUSEval/JSONSyntaxError.swift" \
  "$root/Sources/MUSEval/JSONValue.swift" "$root/Scripts/fuzz/LenientJSONFuzzer.swift" \
  -o "$out/lenient-json"
"$out/lenient-json" "$out/corpus" "$@"
