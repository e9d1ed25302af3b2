#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ (bench/<name>.ts) one after another; each prints
# its figures next to a baseline measured in the same run. Pass names to run only some.
# This shell is the run's supervisor (scripts/run-scope.sh): interrupted half way or finished, the
# processes, topology slots and temporary folders the benches created are gone.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=run-scope.sh
source scripts/run-scope.sh
run_scope_begin
run_scope_run npm run --silent build >/dev/null
# Headline figures (bench/lib/figures.ts) are collected here and printed together at the end.
export AKS_BENCH_FIGURES="$AKSC_RUN_DIR/figures.jsonl"
status=0
if [ "$#" -gt 0 ]; then files=("$@"); else files=(bench/*.ts); fi
for file in "${files[@]}"; do
  [ -f "$file" ] || file="bench/$file.ts"
  echo "== $file"
  run_scope_run node_modules/.bin/tsx "$file" || { echo "!! $file failed"; status=1; }
done
run_scope_run node_modules/.bin/tsx bench/lib/print-figures.ts "$AKS_BENCH_FIGURES"
exit "$status"
