#!/usr/bin/env bash
# The one test entry (`npm test`): static checks, the build the e2e suite drives, then every Vitest
# project inside a private D-Bus session with an unlocked gnome-keyring (the real OS keychain).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "npm test: '$1' is missing; run: bash scripts/setup-system.sh" >&2; exit 1; }; }
for tool in chromium sshd ssh dbus-run-session gnome-keyring-daemon kubectl ip; do need "$tool"; done

echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== build"; npm run --silent build >/dev/null

keyring_home=$(mktemp -d -t aksc-keyring-XXXXXX)
cleanup() {
  # --- topology teardown (see test/topology) ---
  bash test/topology/down.sh --all >/dev/null 2>&1 || echo "npm test: topology teardown failed; run: bash test/topology/down.sh --all" >&2
  # --- end topology teardown ---
  rm -rf "$keyring_home"
}
trap cleanup EXIT

# --- topology bring-up (see test/topology): slot 0 up front, so a machine without network namespaces fails here,
# loudly, and parallel test files find it ready; tests that break things bring up their own slots. ---
echo "== topology (hub/spoke network namespaces)"
bash test/topology/up.sh 0 >/dev/null
# --- end topology bring-up ---

echo "== vitest (private session bus, unlocked gnome-keyring)"
export AKS_TEST_KEYRING=1
HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/.local/share" dbus-run-session -- bash -c '
  echo -n testpass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec node_modules/.bin/vitest run "$@"
' vitest "$@"
