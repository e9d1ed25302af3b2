#!/usr/bin/env bash
# Installs the Debian packages the console's build and test suite need. Idempotent; needs root.
set -euo pipefail

packages=(
  build-essential python3 pkg-config libsecret-1-dev   # keytar's native build
  gnome-keyring dbus dbus-x11 libsecret-tools          # the real OS keychain for tests
  openssh-server openssh-client                        # the real jump box and the OpenSSH baseline
  chromium xvfb xauth fonts-dejavu-core fonts-noto-cjk # the real renderer, Japanese glyphs included
  iproute2 dnsmasq iptables                            # the hub/spoke test topology
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing Debian packages (${missing[*]}); run this script as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Nothing else is touched: a dnsmasq the machine already runs (libvirt, NetworkManager) stays as it is.
# The topology's own dnsmasq runs inside its hub namespace, bound to that namespace's loopback only,
# with no configuration file and no pid file, so it never competes for the host's port 53.
echo "setup-system: Debian packages present"
