#!/usr/bin/env bash
# The jump box's JIT rule for one slot, inside the hub namespace only (never the host's tables):
#   jit-firewall.sh N allow PREFIX...   only these sources may open TCP 22 (others get a reset)
#   jit-firewall.sh N off               port 22 open to all again (the default of every slot)
# Flows already established stay up, as an NSG keeps them; the hub's own probes (from the jump box's
# address) always pass. Prints the sources in force ("open" when off).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"
aksc_require_root
aksc_slot_vars "${1:?slot}"
ipt() { ip netns exec "$HUB" iptables -w "$@"; }
off() {
  while ipt -C INPUT -p tcp --dport 22 -j AKSC_JIT 2>/dev/null; do ipt -D INPUT -p tcp --dport 22 -j AKSC_JIT; done
  if ipt -L AKSC_JIT -n >/dev/null 2>&1; then ipt -F AKSC_JIT; ipt -X AKSC_JIT; fi
}
case "${2:?allow|off|status}" in
  allow)
    shift 2
    [ $# -gt 0 ] || { echo "jit-firewall: allow needs at least one source prefix" >&2; exit 2; }
    off
    ipt -N AKSC_JIT
    ipt -A AKSC_JIT -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
    ipt -A AKSC_JIT -s "$JUMP_IP/32" -j RETURN
    for prefix in "$@"; do ipt -A AKSC_JIT -s "$prefix" -j RETURN; done
    ipt -A AKSC_JIT -p tcp -j REJECT --reject-with tcp-reset
    ipt -A INPUT -p tcp --dport 22 -j AKSC_JIT
    ;;
  off) off ;;
  status) ;;
  *) echo "jit-firewall: unknown action $2" >&2; exit 2 ;;
esac
if ipt -L AKSC_JIT -n >/dev/null 2>&1; then
  ipt -S AKSC_JIT | awk '$0 ~ /-j RETURN$/ && $3 == "-s" { print $4 }' | grep -v "^$JUMP_IP/32$" | tr '\n' ' ' | sed 's/ $/\n/'
else
  echo open
fi
