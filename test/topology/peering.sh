#!/usr/bin/env bash
# Cuts or restores the hub<->spoke "peering" of one slot: peering.sh N cut|restore|status.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"
aksc_require_root
aksc_slot_vars "${1:?slot}"
case "${2:?cut|restore|status}" in
  cut) ip -n "$HUB" link set peer0 down ;;
  restore) ip -n "$HUB" link set peer0 up ;;
  status) ;;
  *) echo "peering: unknown action $2" >&2; exit 2 ;;
esac
if ip -n "$HUB" link show peer0 | grep -q 'state UP'; then echo connected; else echo disconnected; fi
