#!/usr/bin/env bash
# Installs the Debian packages the console's build and test suite need. Idempotent; needs root.
set -euo pipefail

packages=(
  build-essential python3 pkg-config libsecret-1-dev   # keytar's native build
  gnome-keyring dbus dbus-x11 libsecret-tools          # the real OS keychain for tests
  openssh-server openssh-client                        # the real jump box and the OpenSSH baseline
  chromium xvfb xauth fonts-dejavu-core fonts-noto-cjk # the real renderer, Japanese glyphs included
  iproute2 dnsmasq iptables                            # the hub/spoke test topology
  squid krb5-kdc krb5-admin-server krb5-user openssl   # the authenticating proxy and its MIT KDC (tests run their own)
  libkrb5-dev                                          # the kerberos npm package's native build (GSSAPI)
  valgrind                                             # memcheck of the native kubectl credential helper
)
# Packages whose Debian scripts start a system daemon at install; the tests run private instances instead.
daemon_packages=(squid krb5-kdc krb5-admin-server)
daemon_units=(squid krb5-kdc krb5-admin-server)

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
  # A daemon package installed here must not leave a system squid on :3128 (or a KDC) the machine did
  # not have: for the install only, policy-rc.d refuses every start (invoke-rc.d and deb-systemd-invoke
  # both ask it), and the machine's own policy-rc.d, if any, is put back byte for byte afterwards.
  fresh_daemons=()
  for p in "${daemon_packages[@]}"; do
    case " ${missing[*]} " in *" $p "*) fresh_daemons+=("$p") ;; esac
  done
  policy=/usr/sbin/policy-rc.d
  saved_policy=""
  if [ "${#fresh_daemons[@]}" -gt 0 ]; then
    if [ -e "$policy" ]; then
      saved_policy="$(mktemp)"
      cp -p "$policy" "$saved_policy"
    fi
    restore_policy() {
      if [ -n "$saved_policy" ]; then cp -p "$saved_policy" "$policy" && rm -f "$saved_policy"; else rm -f "$policy"; fi
    }
    trap restore_policy EXIT
    printf '#!/bin/sh\n# setup-system.sh: no daemon starts while it installs packages\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Installed here, so not wanted at boot either: the machine had no such service before.
  for i in "${!daemon_packages[@]}"; do
    case " ${fresh_daemons[*]} " in *" ${daemon_packages[$i]} "*) ;; *) continue ;; esac
    unit="${daemon_units[$i]}"
    if command -v deb-systemd-helper >/dev/null; then deb-systemd-helper disable "$unit.service" >/dev/null 2>&1 || true; fi
    if [ -e "/etc/init.d/$unit" ] && command -v update-rc.d >/dev/null; then update-rc.d "$unit" disable >/dev/null 2>&1 || true; fi # scope: installed by this run
  done
  if [ "${#fresh_daemons[@]}" -gt 0 ]; then
    restore_policy
    trap - EXIT
  fi
fi
# Nothing else is touched: a dnsmasq the machine already runs (libvirt, NetworkManager) stays as it is.
# The topology's own dnsmasq runs inside its hub namespace, bound to that namespace's loopback only,
# with no configuration file and no pid file, so it never competes for the host's port 53.
echo "setup-system: Debian packages present"
