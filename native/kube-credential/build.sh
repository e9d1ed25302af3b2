#!/usr/bin/env bash
# Builds kubectl's native credential helper (kube-credential.c) hardened, into the folder given
# (default: out/main, beside the bundled Node entry). `npm run build` calls it after electron-vite.
# Linux only (it uses Linux socket flags and SO_PEERCRED): Windows and macOS keep the app binary's
# --kube-credential switch (see README).
# CC and EXTRA_CFLAGS (e.g. -fsanitize=address) may be set by tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-out/main}"
name="aks-console-kube-credential"
if [ "$(uname -s)" != Linux ]; then
  echo "native credential helper: not built on $(uname -s) (the app binary's switch is used)"
  exit 0
fi
mkdir -p "$out"
# shellcheck disable=SC2086
"${CC:-cc}" -std=c11 -O2 -Wall -Wextra -Werror -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE -pie -Wl,-z,relro,-z,now ${EXTRA_CFLAGS:-} \
  -o "$out/$name.tmp.$$" "$here/kube-credential.c"
mv -f "$out/$name.tmp.$$" "$out/$name"
