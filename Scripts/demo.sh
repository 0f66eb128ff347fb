#!/usr/bin/env bash
# The main job on built-in data; extended as the project grows.
set -euo pipefail
BIN=$1; OUT=$2; SHARED=$3
echo "musdb and museval are built in $BIN"
