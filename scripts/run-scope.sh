# Sourced by the npm entry scripts (start.sh, test.sh, bench.sh). Everything one run creates is
# registered here and torn down by this shell on every way out: normal exit, Ctrl+C (SIGINT to the
# process group), SIGTERM, SIGHUP, or a crash of the child. Nothing depends on the child's own
# event loop surviving, and teardown is idempotent.
#  - Each child runs in a session of its own; AKSC_RUN_ID in the environment marks every process the
#    run starts (inherited through setsid, `ip netns exec` and Chromium), so processes that leave
#    the session are found too.
#  - TMPDIR points into the run's folder: temporary keys, homes and browser profiles go with it.
#  - test/topology/up.sh appends "topology <slot>" to $AKSC_RUN_DIR/registry when it builds a slot,
#    test/support/sshd.ts "user <name>" when it creates a test user; only what this run created is
#    undone (and down.sh removes the topology's user aksc-op with the last slot).

RUN_SCOPE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Starts the scope: the run's folder, its marker and the traps.
run_scope_begin() {
  local base=${TMPDIR:-/tmp}
  # Test users (the sshd's session user reads its authorized keys under TMPDIR) must pass through
  # every folder above the run's; a private TMPDIR (0700, like /run/user/<uid>) would shut them out.
  if ! run_scope_passable "$base"; then
    echo "note: TMPDIR $base is private (other users cannot pass through it); this run's folder goes under /tmp" >&2
    base=/tmp
  fi
  AKSC_RUN_DIR=$(mktemp -d "$base/aksc-run-XXXXXX")
  AKSC_RUN_ID="${AKSC_RUN_DIR##*/}-$$-$RANDOM$RANDOM"
  mkdir "$AKSC_RUN_DIR/tmp"
  # Like /tmp: test users (the sshd's session user reads its authorized keys under TMPDIR) must be
  # able to pass through and write here.
  chmod 755 "$AKSC_RUN_DIR"
  chmod 1777 "$AKSC_RUN_DIR/tmp"
  : >"$AKSC_RUN_DIR/registry"
  export AKSC_RUN_DIR AKSC_RUN_ID TMPDIR="$AKSC_RUN_DIR/tmp"
  trap 'run_scope_end 130' INT
  trap 'run_scope_end 143' TERM
  trap 'run_scope_end 129' HUP
  trap 'run_scope_end $?' EXIT
}

# True when every folder from $1 up to / lets other users pass through (the x bit for others).
run_scope_passable() {
  local dir
  dir=$(cd "$1" 2>/dev/null && pwd -P) || return 1
  while :; do
    [ $(( 0$(stat -c %a "$dir") & 1 )) -eq 1 ] || return 1
    [ "$dir" = / ] && return 0
    dir=$(dirname "$dir")
  done
}

# Runs one command as the run's child in a session of its own (so every descendant that stays in it
# is found, even one that rewrites its environment like sshd) and returns its status. Ctrl+C reaches
# this shell, whose trap stops the child; a trapped signal interrupts the wait.
run_scope_run() {
  setsid "$@" &
  RUN_SCOPE_CHILD=$!
  RUN_SCOPE_SESSIONS="${RUN_SCOPE_SESSIONS:+$RUN_SCOPE_SESSIONS,}$RUN_SCOPE_CHILD"
  local status=0
  wait "$RUN_SCOPE_CHILD" || status=$?
  return "$status"
}

run_scope_alive() { [ -r "/proc/$1/stat" ] && ! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null; }

# PIDs of live processes of this run: in a child's session, or carrying the marker (grep and ps run
# without it).
run_scope_pids() {
  local f pid
  {
    [ -z "${RUN_SCOPE_SESSIONS:-}" ] || env -u AKSC_RUN_ID ps -o pid= -s "$RUN_SCOPE_SESSIONS" 2>/dev/null
    for f in $(env -u AKSC_RUN_ID grep -lzx "AKSC_RUN_ID=$AKSC_RUN_ID" /proc/[0-9]*/environ 2>/dev/null); do
      pid=${f#/proc/}; echo "${pid%/environ}"
    done
  } | env -u AKSC_RUN_ID sort -un | while read -r pid; do
    if [ "$pid" != "$$" ] && run_scope_alive "$pid"; then echo "$pid"; fi
  done
}

# Waits until none of the given conditions' processes live, up to $1 tenths of a second.
run_scope_wait_gone() {
  local tenths=$1 i
  for ((i = 0; i < tenths; i++)); do [ -z "$(run_scope_pids)" ] && return 0; sleep 0.1; done
  return 1
}

# Tears down everything registered for this run, then exits with $1. Runs once.
run_scope_end() {
  local status=${1:-0} i pids kind value
  set +e # the caller's errexit must not cut the teardown short, nor a second Ctrl+C
  trap '' INT TERM HUP
  trap - EXIT
  [ -n "${AKSC_RUN_DIR:-}" ] && [ -d "$AKSC_RUN_DIR" ] || exit "$status"
  # 1. The child first, so it can close what it opened; then every marked process; then force.
  if [ -n "${RUN_SCOPE_CHILD:-}" ] && run_scope_alive "$RUN_SCOPE_CHILD"; then
    kill -TERM "$RUN_SCOPE_CHILD" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do run_scope_alive "$RUN_SCOPE_CHILD" || break; sleep 0.1; done
  fi
  pids=$(run_scope_pids)
  if [ -n "$pids" ]; then
    kill -TERM $pids 2>/dev/null || true
    run_scope_wait_gone 50 || { pids=$(run_scope_pids); [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true; }
    run_scope_wait_gone 50 || true
  fi
  # 2. What the run registered (topology slots it built), newest first.
  if [ "$(id -u)" -eq 0 ]; then
    tac "$AKSC_RUN_DIR/registry" 2>/dev/null | while read -r kind value; do
      case $kind in
        topology) bash "$RUN_SCOPE_ROOT/test/topology/down.sh" "$value" >/dev/null ||
          echo "teardown: topology slot $value did not come down; run: bash test/topology/down.sh $value" >&2 ;;
        # A test user the run created (test/support/sshd.ts); userdel refuses while another run's process uses it.
        user) ! id "$value" >/dev/null 2>&1 || userdel -r "$value" >/dev/null 2>&1 ||
          echo "teardown: test user $value is still in use; remove it later with: userdel -r $value" >&2 ;;
      esac
    done
  fi
  # 3. The run's folder: temporary keys, homes, profiles.
  rm -rf "$AKSC_RUN_DIR"
  exit "$status"
}
