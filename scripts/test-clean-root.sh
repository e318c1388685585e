#!/usr/bin/env bash
# Runs make targets (default: test) on a fresh clone of this repo's committed HEAD inside a clean Debian 12 chroot.
#
# Usage (as root): scripts/test-clean-root.sh ROOT [make-target...]
#   e.g. scripts/test-clean-root.sh /work/cleanroot/bookworm test demo
# `demo` is run in the background; the script waits up to DEMO_TIMEOUT seconds (default 300, counted
# from the start of the target, so a cold build counts too) for http://127.0.0.1:8080/api/search?q=
# to answer 200, prints the first 300 bytes of the answer, then stops the server.
#
# ROOT is not in the repo. Create it once (as root, on Debian 12):
#   apt-get update -qq && apt-get install -y debootstrap
#   debootstrap --variant=minbase bookworm ROOT http://deb.debian.org/debian
#   rm -f ROOT/etc/apt/sources.list
#   cp /etc/apt/sources.list.d/debian.sources ROOT/etc/apt/sources.list.d/   # bookworm, -updates, -security
#   mkdir -p ROOT/usr/local/share/ca-certificates
#   cp /usr/local/share/ca-certificates/* ROOT/usr/local/share/ca-certificates/   # site CAs, if any
#   cp /etc/resolv.conf ROOT/etc/resolv.conf
#   chroot ROOT apt-get update
#   chroot ROOT apt-get install -y ca-certificates
#   chroot ROOT update-ca-certificates
#   chroot ROOT apt-get install -y git make sudo     # `make deps` installs the rest
#   chroot ROOT apt-get clean
#   cp -a ROOT ROOT.pristine
# Start each test from pristine:  rm -rf ROOT && cp -a ROOT.pristine ROOT
set -euo pipefail

usage() { echo "usage: $0 ROOT [make-target...]" >&2; exit 2; }

shell_cmd=""   # hidden: --shell-cmd CMD runs CMD in the clone instead of make (to test the mechanics)
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shell-cmd) [ $# -ge 2 ] || usage; shell_cmd="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) args+=("$1"); shift ;;
  esac
done
[ ${#args[@]} -ge 1 ] || usage
root="$(realpath "${args[0]}")"
targets=("${args[@]:1}")
[ ${#targets[@]} -gt 0 ] || targets=(test)

[ "$(id -u)" = 0 ] || { echo "test-clean-root: must run as root" >&2; exit 2; }
[ -x "$root/bin/bash" ] || { echo "test-clean-root: $root is not a Debian root (see the header)" >&2; exit 2; }
[ "$root" != / ] || { echo "test-clean-root: ROOT must not be /" >&2; exit 2; }

repo="$(git -C "$(dirname "$(realpath "$0")")" rev-parse --show-toplevel)"
shared="$(realpath "$repo/../shared")"
demo_url="http://127.0.0.1:8080/api/search?q="
demo_timeout="${DEMO_TIMEOUT:-300}"

mounted=()
demo_pid=""

alive() {  # alive PID: running and not a zombie
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $stat != Z* ]]
}

group_alive() {  # group_alive PGID: some non-zombie process is left in the group
  # shellcheck disable=SC2009  # pgrep cannot leave out zombies
  ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z'
}

stop_demo() {
  [ -n "$demo_pid" ] || return 0
  # setsid made the chroot the leader of its own process group: signal the whole tree.
  kill -TERM -- "-$demo_pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    group_alive "$demo_pid" || break
    sleep 0.5
  done
  kill -KILL -- "-$demo_pid" 2>/dev/null || true
  wait "$demo_pid" 2>/dev/null || true
  demo_pid=""
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$? i
  stop_demo
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" \
      || echo "test-clean-root: could not unmount ${mounted[i]}" >&2
  done
  mounted=()
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mnt() {  # mnt TARGET mount-args...
  local target="$1"; shift
  if mountpoint -q "$target"; then
    echo "test-clean-root: $target is already mounted (an earlier run?); unmount it first" >&2
    exit 1
  fi
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
  # Never let mounts under the chroot propagate back to the host's /dev (shared mount trees).
  mount --make-private "$target"
}

mnt "$root/proc" -t proc proc
mnt "$root/sys" -t sysfs sysfs
mnt "$root/dev" --bind /dev
mnt "$root/dev/pts" --bind /dev/pts
mnt "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev tmpfs

rm -f "$root/etc/resolv.conf"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

echo "test-clean-root: cloning $repo (HEAD $(git -C "$repo" rev-parse --short HEAD)) into $root/work/caravan"
mkdir -p "$root/work"
rm -rf "$root/work/caravan"
git clone -q --no-local "$repo" "$root/work/caravan"
git -C "$root/work/caravan" log -1 --format='test-clean-root: clone at %h %s'

echo "test-clean-root: copying $shared to $root/work/shared (read-only)"
rm -rf "$root/work/shared"
cp -a "$shared" "$root/work/shared"
chmod -R a-w "$root/work/shared"

in_root() {  # in_root COMMAND-STRING: runs it in the clone, clean env, no stdin
  # shellcheck disable=SC2016  # $1 expands inside the chroot's bash
  chroot "$root" /usr/bin/env -i CI=true HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c 'cd /work/caravan && eval "$1"' in_root "$1" </dev/null
}

if [ -n "$shell_cmd" ]; then
  status=0
  in_root "$shell_cmd" || status=$?
  echo "test-clean-root: shell command exit status $status"
  exit "$status"
fi

run_demo() {
  local log="$root/work/demo.log" start code body
  if curl -s -o /dev/null --max-time 2 "$demo_url"; then
    echo "test-clean-root: something already answers on $demo_url; stop it first" >&2
    return 1
  fi
  start=$(date +%s)
  # setsid: the chroot, make and the server get a process group of their own, killed as one.
  setsid chroot "$root" /usr/bin/env -i CI=true HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c 'cd /work/caravan && exec make demo' >"$log" 2>&1 </dev/null &
  demo_pid=$!
  sleep 0.2
  if alive "$demo_pid" && [ "$(ps -o pgid= -p "$demo_pid" | tr -d ' ')" != "$demo_pid" ]; then
    echo "test-clean-root: warning: make demo is not its own process group; stopping may leave the server" >&2
  fi
  echo "test-clean-root: make demo started (pid $demo_pid, log $log); waiting up to ${demo_timeout}s for $demo_url"
  body="$(mktemp)"
  code=000
  while [ $(($(date +%s) - start)) -lt "$demo_timeout" ]; do
    if ! alive "$demo_pid"; then
      echo "test-clean-root: make demo exited before answering; last lines of its log:" >&2
      tail -n 30 "$log" >&2
      demo_pid=""
      rm -f "$body"
      return 1
    fi
    code=$(curl -s -o "$body" -w '%{http_code}' --max-time 5 "$demo_url" || true)
    [ "$code" = 200 ] && break
    sleep 2
  done
  if [ "$code" = 200 ]; then
    echo "test-clean-root: demo answered 200 after $(($(date +%s) - start))s; first 300 bytes:"
    head -c 300 "$body"; echo
  else
    echo "test-clean-root: demo did not answer 200 within ${demo_timeout}s (last code $code); last lines of its log:" >&2
    tail -n 30 "$log" >&2
  fi
  rm -f "$body"
  stop_demo
  [ "$code" = 200 ]
}

overall=0
for target in "${targets[@]}"; do
  echo "test-clean-root: === make $target ==="
  status=0
  if [ "$target" = demo ]; then
    run_demo || status=$?
  else
    in_root "make $(printf '%q' "$target")" || status=$?
  fi
  if [ "$status" = 0 ]; then result=success; else result=failure; overall=1; fi
  echo "test-clean-root: make $target exit status $status ($result)"
done
exit "$overall"
