#!/usr/bin/env bash
# Brings up one hub/spoke topology slot (up.sh [N], default 0) and prints its state JSON.
# Idempotent: a healthy slot is left as it is; a broken one is rebuilt. Needs root.
#   PAW (root namespace) --"VPN" veth--> hub (jump box: OpenSSH sshd, dnsmasq, Bastion relay)
#   hub --"peering" veth--> spoke (Kubernetes-shaped API server on 443 for the private FQDN)
# The PAW has no route to the spoke: the API server is reachable only via the jump box or Bastion.
# AKSC_JUMPBOX_PROFILE=hardened builds the jump box with test/support/sshd-hardened.conf (STIG/CIS,
# FIPS algorithm sets, scaled-down RekeyLimit and ClientAlive timers) and an ECDSA client key.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"
aksc_require_root
aksc_slot_vars "${1:-0}"

FQDN=${AKSC_API_FQDN:-dnsprefix1-aae7e0f0.5cef6058-b6b5-414d-8cb1-4bd14eb0b15c.privatelink.location1.azmk8s.io}
JUMP_USER=aksc-op
PROFILE=${AKSC_JUMPBOX_PROFILE:-standard}
HARDENED_CONF=$REPO/test/support/sshd-hardened.conf
case $PROFILE in
  standard) CLIENT_KEY_TYPE=ed25519 ;;
  hardened) CLIENT_KEY_TYPE=ecdsa ;;
  *) echo "topology: AKSC_JUMPBOX_PROFILE must be standard or hardened, got '$PROFILE'" >&2; exit 2 ;;
esac
# A slot built by other code (an older up.sh, relay or API server) is rebuilt, not reused.
BUILD_ID=$(cat "$HERE/up.sh" "$HERE/common.sh" "$HERE/api-server.ts" "$HERE/hub-relay.ts" "$HARDENED_CONF" "$HERE"/../standins/apiserver/*.ts | sha256sum | cut -c1-16)
mkdir -p "$AKSC_ROOT"
exec 9>"$AKSC_ROOT/.lock-s$SLOT"
flock 9

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
healthy() {
  [ -f "$DIR/state.json" ] && ip netns list | grep -qw "$HUB" && ip netns list | grep -qw "$SPOKE" &&
    alive "$DIR/sshd.pid" && alive "$DIR/dnsmasq.pid" && alive "$DIR/api-server.pid" && alive "$DIR/hub-relay.pid" &&
    grep -q "\"fqdn\": \"$FQDN\"" "$DIR/state.json" && grep -q "\"buildId\": \"$BUILD_ID\"" "$DIR/state.json" &&
    grep -q "\"profile\": \"$PROFILE\"" "$DIR/state.json"
}
if healthy; then cat "$DIR/state.json"; exit 0; fi

ip netns add aksc-probe-$$ 2>/dev/null && ip netns del aksc-probe-$$ || {
  echo "topology: cannot create network namespaces here (ip netns add failed); the integration suite needs them" >&2
  exit 1
}
# A run under a supervisor (scripts/run-scope.sh: npm start, npm test, npm run bench) registers the
# slot before building it, so the slot is torn down on every way out of that run, a crash included.
# A slot that was already up belongs to whoever built it and is not registered.
if [ -n "${AKSC_RUN_DIR:-}" ] && [ -d "$AKSC_RUN_DIR" ]; then echo "topology $SLOT" >>"$AKSC_RUN_DIR/registry"; fi
"$HERE/down.sh" "$SLOT" >/dev/null
mkdir -p "$DIR" /run/sshd
chmod 755 "$AKSC_ROOT" "$DIR"

# --- namespaces, the jump box's test user, links ---------------------------------------------
# Under the topology lock that down.sh takes too: the last slot's teardown removes the user, and
# must not do so between another slot's namespaces appearing and its user being checked.
{
  flock 8
  ip netns add "$HUB"
  ip netns add "$SPOKE"
  id "$JUMP_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$JUMP_USER" 2>/dev/null || id "$JUMP_USER" >/dev/null
  usermod -p '*' "$JUMP_USER"
} 8<"$AKSC_ROOT"
ip -n "$HUB" link set lo up
ip -n "$SPOKE" link set lo up
ip link add "$VPN_ROOT_IF" type veth peer name vpn0 netns "$HUB"
ip addr add "$PAW_IP/30" dev "$VPN_ROOT_IF"
ip link set "$VPN_ROOT_IF" up
ip -n "$HUB" addr add "$JUMP_IP/30" dev vpn0
ip -n "$HUB" link set vpn0 up
ip -n "$HUB" link add peer0 type veth peer name peer1 netns "$SPOKE"
ip -n "$HUB" addr add "$HUB_PEER_IP/30" dev peer0
ip -n "$HUB" link set peer0 up
ip -n "$SPOKE" addr add "$API_IP/30" dev peer1
ip -n "$SPOKE" link set peer1 up
ip netns exec "$HUB" sysctl -qw net.ipv4.ip_forward=0
# The hub's AzureBastionSubnet: the Bastion relay's source address (a /32 on the hub's loopback; the
# spoke routes the subnet back over the peering, as a peered VNet does).
ip -n "$HUB" addr add "$BASTION_IP/32" dev lo
ip -n "$SPOKE" route add "$BASTION_SUBNET" via "$HUB_PEER_IP"
# Nothing in the /24 outside a slot's own link may leave this machine.
ip route replace unreachable "$AKSC_NET"

# --- jump box DNS view: hosts file + dnsmasq answering the privatelink A record -----------------
# dnsmasq binds the hub's own loopback only (the host's port 53 and a host dnsmasq are untouched),
# reads no /etc/dnsmasq.conf and writes no pid file (its default, /run/dnsmasq.pid, is the host's).
mkdir -p "/etc/netns/$HUB"
printf '127.0.0.1 localhost\n%s jumpbox\n' "$JUMP_IP" >"/etc/netns/$HUB/hosts"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:2\n' >"/etc/netns/$HUB/resolv.conf"
ip netns exec "$HUB" setsid dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
  --listen-address=127.0.0.1 --bind-interfaces --port=53 --user=root --pid-file \
  --host-record="$FQDN,$API_IP" --log-facility=- >"$DIR/dnsmasq.log" 2>&1 </dev/null 9>&- &
echo $! >"$DIR/dnsmasq.pid"

# --- keys and certificates (generated now, never committed) ------------------------------------
for t in ed25519 ecdsa rsa; do ssh-keygen -q -t "$t" -N '' -C "jumpbox-s$SLOT" -f "$DIR/ssh_host_${t}_key"; done
CLIENT_KEY=$DIR/client_$CLIENT_KEY_TYPE
ssh-keygen -q -t "$CLIENT_KEY_TYPE" -N '' -C "aksc-op-client" -f "$CLIENT_KEY"
mkdir -p "$DIR/authorized_keys"
cp "$CLIENT_KEY.pub" "$DIR/authorized_keys/$JUMP_USER"
chmod 644 "$DIR/authorized_keys/$JUMP_USER"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3 -subj "/CN=aksc topology CA s$SLOT" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=apiserver" \
  -keyout "$DIR/apiserver.key" -out "$DIR/apiserver.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' "$FQDN" >"$DIR/apiserver.ext"
openssl x509 -req -in "$DIR/apiserver.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -days 3 \
  -extfile "$DIR/apiserver.ext" -out "$DIR/apiserver.crt" 2>/dev/null

# --- the jump box: a real OpenSSH sshd (its test user was created with the namespaces) ----------
INCLUDE=""
if [ "$PROFILE" = hardened ]; then INCLUDE="Include $HARDENED_CONF"; fi
cat >"$DIR/sshd_config" <<CFG
$INCLUDE
Port 22
ListenAddress 0.0.0.0
HostKey $DIR/ssh_host_ed25519_key
HostKey $DIR/ssh_host_ecdsa_key
HostKey $DIR/ssh_host_rsa_key
AuthorizedKeysFile $DIR/authorized_keys/%u
PidFile $DIR/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowTcpForwarding yes
PermitTTY yes
MaxSessions 30
MaxStartups 100:30:200
AllowUsers $JUMP_USER
PrintMotd no
PrintLastLog no
LogLevel VERBOSE
Subsystem sftp internal-sftp
CFG
/usr/sbin/sshd -t -f "$DIR/sshd_config"
ip netns exec "$HUB" /usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log" 9>&-

# --- the API server (spoke) and the Bastion relay (hub) -----------------------------------------
cd "$REPO"
ip netns exec "$SPOKE" setsid node --import tsx "$HERE/api-server.ts" --listen "$API_IP:443" \
  --cert "$DIR/apiserver.crt" --key "$DIR/apiserver.key" --log "$DIR/api-server.requests" \
  --access "$DIR/api-access.json" >"$DIR/api-server.log" 2>&1 </dev/null 9>&- &
echo $! >"$DIR/api-server.pid"
ip netns exec "$HUB" setsid node --import tsx "$HERE/hub-relay.ts" --socket "$DIR/hub-relay.sock" --source "$BASTION_IP" \
  >"$DIR/hub-relay.log" 2>&1 </dev/null 9>&- &
echo $! >"$DIR/hub-relay.pid"

wait_for() {
  local what=$1; shift
  for _ in $(seq 1 150); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "topology: $what did not come up" >&2
  cat "$DIR"/*.log >&2 || true
  exit 1
}
wait_for sshd ip netns exec "$HUB" bash -c "exec 3<>/dev/tcp/$JUMP_IP/22"
wait_for api-server ip netns exec "$SPOKE" bash -c "exec 3<>/dev/tcp/$API_IP/443"
wait_for hub-relay test -S "$DIR/hub-relay.sock"
wait_for dnsmasq ip netns exec "$HUB" getent hosts "$FQDN"

cat >"$DIR/state.json" <<JSON
{
  "slot": $SLOT,
  "buildId": "$BUILD_ID",
  "profile": "$PROFILE",
  "dir": "$DIR",
  "namespaces": { "hub": "$HUB", "spoke": "$SPOKE" },
  "paw": { "ip": "$PAW_IP", "interface": "$VPN_ROOT_IF" },
  "jumpBox": {
    "ip": "$JUMP_IP",
    "port": 22,
    "user": "$JUMP_USER",
    "clientKeyPath": "$CLIENT_KEY",
    "authorizedKeysPath": "$DIR/authorized_keys/$JUMP_USER",
    "hostKeyPublicPaths": ["$DIR/ssh_host_ed25519_key.pub", "$DIR/ssh_host_ecdsa_key.pub", "$DIR/ssh_host_rsa_key.pub"],
    "sshdConfigPath": "$DIR/sshd_config",
    "sshdPidPath": "$DIR/sshd.pid",
    "sshdLogPath": "$DIR/sshd.log"
  },
  "apiServer": {
    "ip": "$API_IP",
    "port": 443,
    "fqdn": "$FQDN",
    "caCertPath": "$DIR/ca.crt",
    "requestLogPath": "$DIR/api-server.requests",
    "accessConfigPath": "$DIR/api-access.json"
  },
  "peering": { "hubIp": "$HUB_PEER_IP", "spokeIp": "$API_IP" },
  "bastion": { "subnetPrefix": "$BASTION_SUBNET", "ip": "$BASTION_IP" },
  "hubRelaySocket": "$DIR/hub-relay.sock"
}
JSON
cat "$DIR/state.json"
