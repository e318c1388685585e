#!/bin/sh
# Indexing CPU and wall time of caravan-indexer --threads 1 and 2 beside the plain Xapian writer.
# Usage: bench/index_threads.sh [BUILD [SHARED [DOCS [BASE]]]] (defaults: build, ../shared/data,
# 3000, none). The first DOCS items of the bench-peers corpus (facets given) and the same items
# stripped of language, date, countries and organizations ("bare"), each run alone, one after
# the other. With BASE (another build directory, e.g. main's), each caravan row is run with
# BASE's indexer right before BUILD's ("base" rows): on a shared machine, the pairs see about
# the same load.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
shared=${2:-$here/../../shared/data}
docs=${3:-3000}
base=${4:+$(cd "$4" && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$here/gen_corpus.py" --docs 10000 --entities --seed 20261201 --shared "$shared" --out "$tmp/full.jsonl"
head -n "$docs" "$tmp/full.jsonl" > "$tmp/given.jsonl"
python3 -c "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, '$here'); import run_peers; run_peers.strip_given('$tmp/given.jsonl', '$tmp/bare.jsonl')"
measure() {  # label command...
  label=$1; shift
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
  read -r wall user sys rss < "$tmp/time"
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v d="$docs" -v load="$load" 'BEGIN {
    printf "%-30s %7.1f %7.0f %6.1f %10.2f %12.0f %5s\n", l, w, d / w, u + s, (u + s) * 1000 / d, r / 1024, load }'
  rm -rf "$tmp/index" "$tmp"/index.*
}
printf "%-30s %7s %7s %6s %10s %12s %5s\n" "corpus writer" "wall s" "docs/s" "CPU s" "CPU ms/doc" "peak RSS MB" "load"
for corpus in bare given; do
  for threads in 1 2; do
    [ -z "$base" ] || measure "$corpus base --threads $threads" "$base/indexer/caravan-indexer" build --quiet \
      --threads "$threads" --out "$tmp/index" "$tmp/$corpus.jsonl"
    measure "$corpus caravan --threads $threads" "$build/indexer/caravan-indexer" build --quiet --threads "$threads" \
      --out "$tmp/index" "$tmp/$corpus.jsonl"
  done
done
measure "given plain Xapian" "$build/bench/caravan-bench-peer-xapian-index" "$tmp/given.jsonl" "$tmp/index"
