#!/usr/bin/env bash
# Prints XCTest's grand total of a `swift test` log as one plain closing line
# ("tests: N passed, N failed, N skipped"), so the count is the last thing a reader sees.
set -euo pipefail
line=$(grep -E "Executed [0-9]+ tests?, with" "$1" | tail -n 1)
[ -n "$line" ] || { echo "tests: no XCTest summary in $1" >&2; exit 1; }
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$line")
failed=$(sed -E 's/.* ([0-9]+) failures? \(.*/\1/' <<<"$line")
skipped=0
if grep -qE "[0-9]+ tests? skipped" <<<"$line"; then skipped=$(sed -E 's/.* ([0-9]+) tests? skipped.*/\1/' <<<"$line"); fi
echo "tests: $((executed - skipped)) passed, $failed failed, $skipped skipped"
