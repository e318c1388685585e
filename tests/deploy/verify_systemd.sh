#!/bin/sh
# systemd-analyze verify on deploy/systemd, ExecStart pointed at the built binaries; skipped (77) without systemd-analyze.
set -eu
source_dir=$1 indexer=$2 searchd=$3
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for unit in "$source_dir"/deploy/systemd/*.service "$source_dir"/deploy/systemd/*.timer; do
  sed -e "s#/usr/local/bin/caravan-indexer#$indexer#" -e "s#/usr/local/bin/caravan-searchd#$searchd#" "$unit" > "$tmp/$(basename "$unit")"
done
cd "$tmp"
# verify prints problems on stderr and exits 0 for some of them (unknown settings): fail on any output.
out=$(systemd-analyze verify ./*.service ./*.timer 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
echo "units verified"
