#!/usr/bin/env bash
# `npm start` / `npm run demo`: builds, then opens the console. With the Electron binary present it
# runs the desktop app; without it (as on our build machines) it opens the real renderer in
# Chromium with the simulated cloud behind it, through the same harness the e2e tests use.
# This shell stays as the run's supervisor (scripts/run-scope.sh): on Ctrl+C, SIGTERM, SIGHUP, the
# window closing or a crash of the demo, it stops what the run started, takes down the topology
# slot it built and deletes the run's temporary keys and folders.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=run-scope.sh
source scripts/run-scope.sh
run_scope_begin
npm run --silent build >/dev/null

# Read the binary's path without require('electron'), which would try to download it.
electron_bin=$(node -e "const fs=require('fs'),p=require('path');const d=p.resolve('node_modules/electron');try{const b=p.join(d,'dist',fs.readFileSync(p.join(d,'path.txt'),'utf8').trim());if(fs.existsSync(b))process.stdout.write(b)}catch{}" 2>/dev/null || true)
if [ "${1:-}" != "--demo" ] && [ -n "$electron_bin" ] && [ -x "$electron_bin" ]; then
  run_scope_run node_modules/.bin/electron-vite preview
  exit
fi

if [ "${1:-}" != "--demo" ]; then
  echo "start: the Electron binary is not installed here; opening demo mode (simulated Azure) in Chromium instead." >&2
fi
# Chromium keeps crash reports and caches in XDG folders: the run's own, not the user's home.
export XDG_CONFIG_HOME="$TMPDIR/xdg-config" XDG_CACHE_HOME="$TMPDIR/xdg-cache"
demo=(node --import tsx scripts/demo.ts)
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1 && [ "${AKS_HEADLESS:-}" != "1" ]; then
  demo=(xvfb-run -a -s "-screen 0 1400x900x24" "${demo[@]}")
fi
run_scope_run "${demo[@]}"
