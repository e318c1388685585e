#!/usr/bin/env bash
# Runs each libFuzzer target of a fuzz build for a bounded time on a copy of its seed corpus
# (fuzz/corpus/<target>, plus the test fixtures of its format: only read); prints its
# executions; fails when any target crashed.
# Usage: scripts/run-fuzz.sh BUILD_DIR SECONDS TARGET...
set -uo pipefail
build=$1 seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")/.." && pwd)
export UBSAN_OPTIONS="print_stacktrace=1:${UBSAN_OPTIONS:-}"
failed=()
# Test fixtures that are seeds too, so that they are not copied into fuzz/corpus.
fixture_seeds() {
  case "$1" in
    fuzz_html) find "$source_dir/tests/fixtures/pages" "$source_dir/tests/fixtures/maintext" -name '*.htm*' ;;
    fuzz_feed) find "$source_dir/tests/fixtures/feeds" -name '*.rss' -o -name '*.atom' -o -name '*.xml' ;;
  esac
}
for target in "$@"; do
  corpus=$build/fuzz-corpus/$target
  artifacts=$build/fuzz-artifacts/$target
  log=$build/fuzz-logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  cp -n "$source_dir/fuzz/corpus/$target/"* "$corpus/"
  fixture_seeds "$target" | while read -r seed; do
    name=${seed#"$source_dir/tests/fixtures/"}
    cp -n "$seed" "$corpus/fixture-${name//\//_}"
  done
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  printf 'fuzz: %-20s %10s executions in %ss, corpus %s inputs%s\n' "$target" "${executions:-?}" "$seconds" \
    "$(find "$corpus" -type f | wc -l)" "$([ "$status" = 0 ] || echo ", FAILED (exit $status)")"
  if [ "$status" != 0 ]; then
    failed+=("$target")
    # The sanitizer or libFuzzer report, without the mutation statistics before it.
    sed -n '/^==[0-9]*==\|runtime error\|^unexpected\|contract violated\|breaks its limits\|deadly signal\|ALARM/,$p' "$log" | head -n 80
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: crashed: ${failed[*]}; crashing inputs in $build/fuzz-artifacts/, logs in $build/fuzz-logs/" >&2
  exit 1
fi
