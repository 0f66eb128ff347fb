#!/usr/bin/env bash
# `make demo`: the main job on built-in data, from a fresh clone.
#   1. write the synthetic sample dataset (musdb sample);
#   2. verify it (musdb verify) and add the real MUSDB18 preview track from ../shared/data
#      when it is there;
#   3. separate it with the oracles IRM2, IBM2 and MWF, and the mixture as a baseline
#      (museval oracle);
#   4. score every method with framewise BSS Eval v4 (museval);
#   5. aggregate the scores into the leaderboard table and leaderboard.json, and the report;
#   6. write a small augmented training set from the train tracks (musdb augment).
set -euo pipefail
BIN=$1; OUT=$2; SHARED=$3
MUSDB="$BIN/musdb"; MUSEVAL="$BIN/museval"
DATA="$OUT/data"; EST="$OUT/estimates"; SCORES="$OUT/scores"
JOBS=${JOBS:-2}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

rm -rf "$OUT"
mkdir -p "$OUT"

step "1. Sample dataset: $DATA"
"$MUSDB" sample "$DATA" --tracks 2 --test-tracks 3 --seconds 8

step "2. Verify it against its manifest, then add the real preview track"
"$MUSDB" verify --root "$DATA" --is-wav
PREVIEW="$SHARED/data/musdb-sample/hq/train/Music Delta - 80s Rock"
if [ -d "$PREVIEW" ]; then
  echo "Adding the real MUSDB18 preview track from $PREVIEW"
  cp -r "$PREVIEW" "$DATA/train/" && chmod -R u+w "$DATA/train"
else
  echo "No $PREVIEW: synthetic tracks only"
fi
"$MUSDB" list --root "$DATA" --is-wav

step "3. Oracle separations (IRM2, IBM2, MWF) and the mixture baseline"
for method in irm2 ibm2 mwf mix; do
  "$MUSEVAL" oracle --method "$method" --root "$DATA" --is-wav --subsets train,test \
    -o "$EST/${method^^}" --jobs "$JOBS"
done

step "4. Score every method with BSS Eval v4 (1 s windows)"
status=0
for method in IRM2 IBM2 MWF MIX; do
  "$MUSEVAL" "$EST/$method" --root "$DATA" --is-wav --subsets train,test \
    -o "$SCORES/$method" --jobs "$JOBS" || status=1
done

step "5. Leaderboard"
"$MUSEVAL" aggregate "$SCORES/IRM2" "$SCORES/IBM2" "$SCORES/MWF" "$SCORES/MIX" --subsets train,test \
  -o "$OUT/leaderboard.json" --csv "$OUT/scores.csv"
"$MUSEVAL" report "$SCORES/IRM2" "$SCORES/IBM2" "$SCORES/MWF" "$SCORES/MIX" --subsets train,test \
  -o "$OUT/report.html" --figures "$OUT/figures"

step "6. Augmented training set (2 examples of 4 s per train track, seed 42)"
"$MUSDB" augment --root "$DATA" --is-wav --output "$OUT/augmented" \
  --examples-per-track 2 --duration 4 --seed 42 --repitch-probability 0.5
"$MUSDB" list --root "$OUT/augmented" --is-wav

echo
echo "Wrote $OUT/leaderboard.json, $OUT/scores.csv, $OUT/report.html and $OUT/augmented/"
exit $status
