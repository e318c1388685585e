#!/bin/sh
# Builds the same bare and given items with BASE's indexer and BUILD's and diffs full dumps of the two indexes.
# Usage: bench/compare_index.sh BASE BUILD [SHARED [DOCS]] (defaults: ../shared/data, 1000). Exit 0 and
# "identical" when every document's terms, positions, values and data, and the spellings, synonyms and
# metadata, are the same; otherwise the first lines of the diff and exit 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
base=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
shared=${3:-$here/../../shared/data}
docs=${4:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$here/gen_corpus.py" --docs 10000 --entities --seed 20261201 --shared "$shared" --out "$tmp/full.jsonl"
head -n "$docs" "$tmp/full.jsonl" > "$tmp/given.jsonl"
python3 -c "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, '$here'); import run_peers; run_peers.strip_given('$tmp/given.jsonl', '$tmp/bare.jsonl')"
status=0
for corpus in bare given; do
  for side in base build; do
    eval dir=\$$side
    "$dir/indexer/caravan-indexer" build --quiet --threads 2 --out "$tmp/$side.index" "$tmp/$corpus.jsonl" 2>/dev/null
    "$build/bench/caravan-bench-index-dump" "$tmp/$side.index" > "$tmp/$side.dump"
    rm -rf "$tmp/$side.index"
  done
  if cmp -s "$tmp/base.dump" "$tmp/build.dump"; then
    echo "$corpus: $docs items, identical ($(wc -c < "$tmp/build.dump") bytes of dump)"
  else
    echo "$corpus: $docs items, DIFFERENT"; diff "$tmp/base.dump" "$tmp/build.dump" | head -20; status=1
  fi
done
exit $status
