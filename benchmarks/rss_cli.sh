#!/usr/bin/env bash
# Peak RSS of the CLI streaming a generated JSONL corpus: benchmarks/rss_cli.sh [SIZE] (default 1GB).
set -euo pipefail
size=${1:-1GB}
dir=$(mktemp -d)
python -m benchmarks.corpus --size "$size" --out "$dir"
/usr/bin/time -v textrepair clean "$dir/corpus.jsonl" --jsonl -o "$dir/out.jsonl" --no-progress 2>&1 | grep -E "records in|Maximum resident|Elapsed"
rm -rf "$dir"
