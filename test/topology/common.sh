# Shared names and addresses of one topology slot; sourced by up.sh, down.sh and peering.sh.
# Slot N owns 10.231.77.(16N)/28: .+1 PAW end of the "VPN" link, .+2 jump box (hub),
# .+5 hub end of the "peering", .+6 the API server's private endpoint (spoke).
# .+8/29 is the hub's modelled AzureBastionSubnet; the Bastion relay connects from .+12 inside it.

AKSC_NET_PREFIX=10.231.77
AKSC_NET=${AKSC_NET_PREFIX}.0/24
AKSC_ROOT=${AKSC_TOPOLOGY_ROOT:-/tmp/aksc-topology}

aksc_slot_vars() {
  local slot=$1
  if ! [[ $slot =~ ^([0-9]|1[0-5])$ ]]; then
    echo "topology: slot must be 0..15, got '$slot'" >&2
    return 2
  fi
  SLOT=$slot
  HUB=aksc-s${slot}-hub
  SPOKE=aksc-s${slot}-spoke
  VPN_ROOT_IF=aksc${slot}-vpn
  local base=$((slot * 16))
  PAW_IP=${AKSC_NET_PREFIX}.$((base + 1))
  JUMP_IP=${AKSC_NET_PREFIX}.$((base + 2))
  HUB_PEER_IP=${AKSC_NET_PREFIX}.$((base + 5))
  API_IP=${AKSC_NET_PREFIX}.$((base + 6))
  BASTION_SUBNET=${AKSC_NET_PREFIX}.$((base + 8))/29
  BASTION_IP=${AKSC_NET_PREFIX}.$((base + 12))
  DIR=${AKSC_ROOT}/s${slot}
}

aksc_require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "topology: must run as root (network namespaces)" >&2
    exit 1
  fi
}
