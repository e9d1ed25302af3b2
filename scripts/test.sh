#!/usr/bin/env bash
# The one test entry (`npm test`): static checks, the build the e2e suite drives, then every Vitest
# project inside a private D-Bus session with an unlocked gnome-keyring (the real OS keychain).
# This shell is the run's supervisor (scripts/run-scope.sh): interrupted half way or finished, it
# stops every process the run started, takes down only the topology slots the run built (never
# another user's or engineer's) and deletes the run's temporary folders, keyring home included.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=run-scope.sh
source scripts/run-scope.sh

need() { command -v "$1" >/dev/null 2>&1 || { echo "npm test: '$1' is missing; run: bash scripts/setup-system.sh" >&2; exit 1; }; }
for tool in chromium sshd ssh dbus-run-session gnome-keyring-daemon kubectl ip; do need "$tool"; done
run_scope_begin

if [ "${AKS_TEST_SKIP_CHECKS:-}" != "1" ]; then # =1: vitest only, against the build already in out/
  echo "== typecheck"; run_scope_run npm run --silent typecheck
  echo "== lint"; run_scope_run npm run --silent lint
  echo "== build"; run_scope_run npm run --silent build >/dev/null
fi

keyring_home="$TMPDIR/keyring-home"
mkdir -p "$keyring_home"

# --- topology bring-up (see test/topology): slot 0 (AKS_TEST_TOPOLOGY_SLOT) up front, so a machine without network namespaces fails here,
# loudly, and parallel test files find it ready; tests that break things bring up their own slots. Every slot the
# run builds registers itself for teardown. ---
echo "== topology (hub/spoke network namespaces)"
run_scope_run bash test/topology/up.sh "${AKS_TEST_TOPOLOGY_SLOT:-0}" >/dev/null
# --- end topology bring-up ---

echo "== vitest (private session bus, unlocked gnome-keyring)"
export AKS_TEST_KEYRING=1
HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/.local/share" run_scope_run dbus-run-session -- bash -c '
  echo -n testpass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec node_modules/.bin/vitest run "$@"
' vitest "$@"
