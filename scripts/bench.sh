#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ (bench/<name>.ts) one after another; each prints
# its figures next to a baseline measured in the same run. Pass names to run only some.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent build >/dev/null
status=0
if [ "$#" -gt 0 ]; then files=("$@"); else files=(bench/*.ts); fi
for file in "${files[@]}"; do
  [ -f "$file" ] || file="bench/$file.ts"
  echo "== $file"
  node_modules/.bin/tsx "$file" || { echo "!! $file failed"; status=1; }
done
exit "$status"
