#!/usr/bin/env bash
# Tears down one topology slot (down.sh N) or every slot (down.sh --all). Idempotent.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"
aksc_require_root

down_slot() {
  aksc_slot_vars "$1"
  for ns in "$HUB" "$SPOKE"; do
    if ip netns list | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
      sleep 0.1
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
      ip netns del "$ns" 2>/dev/null || true
    fi
    rm -rf "/etc/netns/$ns"
  done
  ip link del "$VPN_ROOT_IF" 2>/dev/null || true
  rm -rf "$DIR"
}

if [ "${1:-}" = "--all" ]; then
  for ns in $(ip netns list | awk '{print $1}' | grep -E '^aksc-s[0-9]+-(hub|spoke)$' || true); do
    slot=${ns#aksc-s}; slot=${slot%%-*}
    down_slot "$slot"
  done
  for d in "$AKSC_ROOT"/s*; do [ -d "$d" ] && down_slot "${d##*/s}"; done
else
  down_slot "${1:-0}"
fi

# The jump box's test user exists only for the topology: the last slot takes it away, under the lock
# up.sh holds while it adds a slot's namespaces and user.
if [ -d "$AKSC_ROOT" ]; then exec 8<"$AKSC_ROOT"; flock 8; fi
if ! ip netns list | grep -qE '^aksc-s'; then
  ip route del unreachable "$AKSC_NET" 2>/dev/null || true
  if id aksc-op >/dev/null 2>&1; then userdel -r aksc-op >/dev/null 2>&1 || userdel aksc-op 2>/dev/null || true; fi
fi
echo "topology: down ${1:-0}"
